// Debian's Firefox ESR with the built Firefox variant (dist-firefox/) installed as a temporary
// add-on, driven over WebDriver BiDi by puppeteer-core (nothing downloaded: executablePath only).
//
// Three Firefox-specific things, none of them in the product:
// - Real host names: `network.dns.localDomains` resolves the mapped hosts to loopback and
//   `network.socket.forcePort` sends their port 443 to the local HTTPS site server (Firefox has
//   no --host-resolver-rules); the self-signed certificate is accepted by the BiDi session.
// - Extension pages: BiDi refuses to navigate to moz-extension:// unless Firefox was started
//   with -remote-allow-system-access; even then puppeteer waits for navigation events Firefox
//   does not send for extension documents, so the page is opened with BiDi's own
//   `browsingContext.navigate` (wait: complete) and driven by puppeteer from there.
// - The event page's lifecycle: with system access, the browser window's own scope can ask the
//   add-on's Extension object for its background state and to terminate it, as Firefox does
//   when the page has been idle (what CDP's ServiceWorker.stopAllWorkers is for Chromium).
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../scripts/firefox-manifest';

export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
/** The toolbar popup's size, as for Chromium's screenshots. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (existsSync(path)) return path;
  throw new Error(
    `Firefox not found at ${path}. The Firefox browser test needs Debian's Firefox ESR: ` +
      `run "sudo apt-get update && sudo apt-get install -y firefox-esr", or point FIREFOX_PATH at a Firefox binary.`,
  );
}

/** The part of puppeteer's BiDi connection we call directly (puppeteer-core 24 keeps it on the browser). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** "firefox/153.8.0" */
  version: string;
  addonId: string;
  extensionUrl(path: string): string;
  /** Opens an extension page (popup, options) in a new tab and waits until it has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** 'running', 'suspending', 'stopped'… as Firefox's Extension object says. */
  backgroundState(): Promise<string>;
  /** Unloads the event page as Firefox does after it has been idle; resolves with the state after. */
  terminateBackground(): Promise<string>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(opts: { mapHosts?: string[]; port?: number } = {}): Promise<FirefoxWithExtension> {
  if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX} is not built: run "npm run build:firefox".`);
  const uuid = randomUUID();
  const prefs: Record<string, unknown> = {
    // moz-extension://<uuid>/ is known before install.
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // Answers the options page's permissions.request for the vendor origin at once, as
    // Chromium's tests grant site access beforehand: headless Firefox cannot click the prompt.
    'extensions.webextOptionalPermissionPrompts': false,
  };
  if (opts.mapHosts?.length && opts.port) {
    prefs['network.dns.localDomains'] = opts.mapHosts.join(',');
    prefs['network.socket.forcePort'] = `443=${opts.port}`;
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    acceptInsecureCerts: true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  try {
    const addonId = await browser.installExtension(DIST_FIREFOX);
    const connection = (browser as unknown as { connection?: BidiConnection }).connection;
    if (typeof connection?.send !== 'function') throw new Error('puppeteer-core no longer exposes its BiDi connection on the browser; see test/browser/firefox.ts');
    const bidi = connection;
    const extensionUrl = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;

    async function inBrowserWindow<T>(expression: string): Promise<T> {
      const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string }[] };
      const target = { context: tree.contexts[0]!.context };
      const answer = (await bidi.send('script.evaluate', { expression, target, awaitPromise: true })).result as { type: string; result?: { value?: T }; exceptionDetails?: { text: string } };
      if (answer.type !== 'success') throw new Error(`The browser window refused ${expression}: ${answer.exceptionDetails?.text}`);
      return answer.result!.value as T;
    }
    const extension = `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).extension`;

    return {
      browser,
      version: await browser.version(),
      addonId,
      extensionUrl,
      async openExtensionPage(path) {
        const page = await browser.newPage();
        const context = (page.mainFrame() as unknown as { _id: string })._id;
        await bidi.send('browsingContext.navigate', { context, url: extensionUrl(path), wait: 'complete' });
        return page;
      },
      backgroundState: () => inBrowserWindow<string>(`${extension}.backgroundState`),
      terminateBackground: () => inBrowserWindow<string>(`(async () => { const ext = ${extension}; await ext.terminateBackground({ ignoreDevToolsAttached: true }); return ext.backgroundState; })()`),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
