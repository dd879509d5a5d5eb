// Helpers for the browser fault run: talk to the service worker from an extension page, grant
// the loopback host permission the way the options page does, and stop the worker through CDP.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export type Answer<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** One command from the page. A worker stopped mid-answer makes sendMessage reject: that is returned as `lost`. */
export async function send<T>(page: Page, name: string, payload: unknown): Promise<Answer<T> | { lost: string }> {
  return page.evaluate(
    async ({ name, payload }) => {
      try {
        // A worker stopped before answering closes the channel: some Chrome paths reject,
        // others resolve with no answer at all.
        return (await chrome.runtime.sendMessage({ advocate: 1, name, payload })) ?? { lost: 'no answer' };
      } catch (error) {
        return { lost: String(error) };
      }
    },
    { name, payload },
  );
}

/** A command that is safe to repeat (reads, sync.now): retried while the worker is being stopped under it. */
export async function ask<T>(page: Page, name: string, payload: unknown, attempts = 20): Promise<T> {
  let last = '';
  for (let i = 0; i < attempts; i++) {
    const answer = await send<T>(page, name, payload);
    if ('lost' in answer) {
      last = answer.lost;
      await page.waitForTimeout(100);
      continue;
    }
    if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  }
  throw new Error(`${name} got no answer in ${attempts} attempts; last error: ${last}`);
}

/** `n` referrals.create in parallel from the page; each answer is a referral id or why none came. */
export async function createReferrals(page: Page, n: number, payload: Record<string, unknown>): Promise<{ ids: string[]; lost: number; refused: string[] }> {
  return page.evaluate(
    async ({ n, payload }) => {
      const answers = await Promise.all(
        Array.from({ length: n }, () =>
          chrome.runtime.sendMessage({ advocate: 1, name: 'referrals.create', payload }).catch((error: unknown) => ({ lost: String(error) })),
        ),
      );
      const ids: string[] = [];
      const refused: string[] = [];
      let lost = 0;
      for (const a of answers) {
        if (a === undefined || a === null || 'lost' in a) lost++;
        else if (a?.ok) ids.push(a.value.referral.id);
        else refused.push(JSON.stringify(a));
      }
      return { ids, lost, refused };
    },
    { n, payload },
  );
}

/**
 * Grants `origin` as the options page does: chrome.permissions.request inside a real click.
 * Returns whether the permission is held afterwards and what the request answered.
 */
export async function grantHostPermission(page: Page, origin: string): Promise<{ held: boolean; request: string }> {
  const held = () => page.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);
  if (await held()) return { held: true, request: 'already held' };
  await page.evaluate((o) => {
    const button = document.createElement('button');
    button.id = 'fault-test-grant';
    button.textContent = 'Grant';
    button.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647;width:100px;height:40px';
    button.addEventListener('click', () => {
      void chrome.permissions.request({ origins: [o] }).then(
        (granted) => (button.dataset.result = String(granted)),
        (error: unknown) => (button.dataset.result = `error: ${String(error)}`),
      );
    });
    document.body.append(button);
  }, origin);
  await page.click('#fault-test-grant');
  await page.waitForFunction(() => document.getElementById('fault-test-grant')?.dataset.result !== undefined, undefined, { timeout: 2_000 }).catch(() => {});
  const result = await page.evaluate(() => {
    const button = document.getElementById('fault-test-grant');
    button?.remove();
    return button?.dataset.result ?? 'no answer in 2 s (headless shows no prompt)';
  });
  return { held: await held(), request: result };
}

/**
 * Stops the extension's service worker (all workers of the profile) through a CDP session on an
 * extension page, and counts the worker's real state changes as the browser reports them.
 */
export async function workerStopper(context: BrowserContext, page: Page) {
  const session: CDPSession = await context.newCDPSession(page);
  const seen = { stopped: 0, started: 0 };
  const lastStatus = new Map<string, string>();
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (lastStatus.get(version.versionId) === version.runningStatus) continue;
      lastStatus.set(version.versionId, version.runningStatus);
      if (version.runningStatus === 'stopped') seen.stopped++;
      if (version.runningStatus === 'running') seen.started++;
    }
  });
  await session.send('ServiceWorker.enable');
  return {
    seen,
    stop: async () => void (await session.send('ServiceWorker.stopAllWorkers')),
  };
}
