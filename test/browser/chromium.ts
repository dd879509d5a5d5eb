// Finds Debian's Chromium and launches it with the built extension loaded.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { hostResolverRules } from './site-server';

export const DIST = resolve(import.meta.dirname, '../../dist');

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  throw new Error(
    `Chromium not found at ${path}. The browser tests need Debian's Chromium: ` +
      `run "sudo apt-get update && sudo apt-get install -y chromium", ` +
      `or point CHROME_PATH at a Chromium/Chrome binary.`,
  );
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/**
 * `mapHosts` are real host names (github.com…) resolved to a local HTTPS server on `port`.
 * `userDataDir`: a profile to reuse (a browser restart); it is then the caller's to delete.
 */
export async function launchWithExtension(
  opts: { mapHosts?: string[]; port?: number; userDataDir?: string; args?: string[]; env?: Record<string, string> } = {},
): Promise<ExtensionBrowser> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'advocate-chromium-'));
  const args = [
    `--disable-extensions-except=${DIST}`,
    `--load-extension=${DIST}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  args.push(`--host-resolver-rules=${hostResolverRules(opts.mapHosts ?? [], opts.port ?? 0, { othersFail: true })}`);
  if (opts.mapHosts?.length) args.push('--ignore-certificate-errors');
  args.push(...(opts.args ?? []));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args,
    ignoreHTTPSErrors: true,
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  // DEBUG_WORKER=1 prints the worker's console (it outlives restarts of the worker).
  if (process.env.DEBUG_WORKER) {
    const listen = (w: Worker) => w.on('console', (m) => console.log('[worker]', m.text()));
    listen(worker);
    context.on('serviceworker', listen);
  }
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The current service worker (it may have been restarted since launch). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
}
