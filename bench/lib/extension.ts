// Steps the browser benches share: enrol the built extension with a reference endpoint through
// its own command (sent from its options page, as the options form does), and read the service
// worker's JS heap over the DevTools protocol. No test-only code in the product is needed.
import type { Page } from 'playwright-core';
import { ask } from '../../test/browser/fault-helpers';
import type { ExtensionBrowser } from '../../test/browser/chromium';
import type { TestEndpoint } from '../../test/browser/helpers';

export { ask };

const OPTIONS_PAGE = 'src/options/index.html';

/** Enrols a fresh practitioner of `endpoint` (reached at `via`, default the endpoint itself). */
export async function enrol(browser: ExtensionBrowser, endpoint: TestEndpoint, via = endpoint.url): Promise<{ options: Page; vendorId: string }> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl(OPTIONS_PAGE));
  const code = await endpoint.newPractitioner([{ productId: 'mysql', level: 'professional' }]);
  const vendor = await ask<{ id: string }>(options, 'vendors.enrol', { endpoint: via, code }, 1);
  return { options, vendorId: vendor.id };
}

/**
 * The service worker's used JS heap in MB after a garbage collection, read through a browser-level
 * CDP session attached to the worker's target (Playwright has no CDP session for workers).
 */
export async function workerHeapMb(browser: ExtensionBrowser): Promise<number> {
  const browserSession = await browser.context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await browserSession.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
    if (!worker) throw new Error('the extension has no running service worker');
    const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    let nextId = 0;
    const waiting = new Map<number, (result: unknown) => void>();
    browserSession.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) waiting.get(message.id)?.(message.error ? new Error(message.error.message) : message.result);
    });
    const call = async <T>(method: string): Promise<T> => {
      const id = ++nextId;
      const answer = new Promise<unknown>((done) => waiting.set(id, done));
      await browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      const result = await answer;
      if (result instanceof Error) throw result;
      return result as T;
    };
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    await browserSession.send('Target.detachFromTarget', { sessionId });
    return usedSize / (1024 * 1024);
  } finally {
    await browserSession.detach();
  }
}
