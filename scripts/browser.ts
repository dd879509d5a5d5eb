// `npm run browser [-- --demo] [-- --headless]`: Chromium with the built extension (dist/) loaded,
// for a person trying Advocate beside `npm start`.
//   --demo      also serves saved GitHub and Stack Overflow pages (and the demo vendor's offer
//               pages) under their real host names from this computer (scripts/demo-sites.ts), so
//               the suggestion shows without the internet. Only those hosts are redirected, and only
//               the local server's certificate is trusted beyond the usual ones.
//   --headless  no window: loads the extension, opens the pages, prints what Advocate shows, exits
//               (for a machine without a display, or a quick check).
// Without a display (no DISPLAY or WAYLAND_DISPLAY on Linux) and without --headless it says so and
// what to do instead, rather than failing inside Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { displayAvailable } from '../src/endpoint/welcome';
import { DEMO_PAGES, startDemoSites, type DemoSites } from './demo-sites';

const ROOT = resolve(import.meta.dirname, '..');
export const DIST = resolve(ROOT, 'dist');
/** Kept across runs, so an enrolment made in this browser is still there next time. */
const PROFILE = resolve(ROOT, 'data/chromium-profile');

export type BrowserPlan =
  | { kind: 'window' | 'headless'; demo: boolean }
  | { kind: 'no-display'; message: string }
  | { kind: 'usage'; message: string };

const USAGE = 'Usage: npm run browser [-- --demo] [-- --headless]';

/** What `npm run browser` will do, from its arguments and the machine (pure, so a test can ask). */
export function browserPlan(args: readonly string[], env: Record<string, string | undefined>, platform: string): BrowserPlan {
  const unknown = args.filter((a) => a !== '--demo' && a !== '--headless');
  if (unknown.length > 0) return { kind: 'usage', message: `Unknown option ${unknown.join(', ')}. ${USAGE}` };
  const demo = args.includes('--demo');
  if (args.includes('--headless')) return { kind: 'headless', demo };
  if (displayAvailable(env, platform)) return { kind: 'window', demo };
  return {
    kind: 'no-display',
    message: [
      'No display here: neither DISPLAY nor WAYLAND_DISPLAY is set, so Chromium cannot open a window.',
      'Either load the extension in a browser on a machine with a screen (chrome://extensions, Developer mode,',
      '"Load unpacked", the dist/ folder), or check it here without a window:',
      `  npm run browser -- --headless${demo ? ' --demo' : ' --demo   (the saved GitHub and Stack Overflow pages, no internet needed)'}`,
    ].join('\n'),
  };
}

/** Chromium's own sandbox cannot start as root (containers); a person's desktop keeps it. */
const sandboxArgs = () => (process.getuid?.() === 0 ? ['--no-sandbox'] : []);

async function launch(plan: { kind: 'window' | 'headless'; demo: boolean }, sites: DemoSites | null): Promise<BrowserContext> {
  mkdirSync(PROFILE, { recursive: true });
  return chromium.launchPersistentContext(PROFILE, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: plan.kind === 'headless',
    viewport: plan.kind === 'window' ? null : { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--enable-automation'],
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-first-run', ...sandboxArgs(), ...(sites?.chromiumArgs ?? [])],
  });
}

async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return new URL(worker.url()).host;
}

/** The toolbar title Advocate gave a tab, read from its service worker (headless: nobody sees the toolbar). */
async function toolbarTitleOf(context: BrowserContext, page: Page): Promise<string> {
  const worker = context.serviceWorkers()[0]!;
  const url = page.url();
  for (let tries = 0; tries < 50; tries++) {
    const title = await worker.evaluate(async (wanted) => {
      const remembered = (await chrome.storage.session.get(null)) as Record<string, { url?: string } | undefined>;
      const key = Object.keys(remembered).find((k) => k.startsWith('tab:') && remembered[k]?.url === wanted);
      return key ? chrome.action.getTitle({ tabId: Number(key.slice(4)) }) : null;
    }, url);
    if (title) return title;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return '(Advocate did not report this page)';
}

async function main(): Promise<number> {
  const plan = browserPlan(process.argv.slice(2), process.env, process.platform);
  if (plan.kind === 'usage' || plan.kind === 'no-display') {
    console.error(plan.message);
    return plan.kind === 'usage' ? 2 : 1;
  }
  if (!existsSync(resolve(DIST, 'manifest.json'))) {
    console.error('The extension is not built yet: run `npm start` (or `npm run build`) first; it writes dist/.');
    return 1;
  }
  const sites = plan.demo ? await startDemoSites() : null;
  const context = await launch(plan, sites);
  const id = await extensionId(context);
  const pages = plan.demo ? Object.values(DEMO_PAGES).map((p) => p.url) : [];
  const first = context.pages()[0] ?? (await context.newPage());
  await first.goto(`chrome-extension://${id}/src/options/index.html`);
  const opened: Page[] = [];
  for (const url of pages) {
    const page = await context.newPage();
    await page.goto(url);
    opened.push(page);
  }

  if (plan.kind === 'headless') {
    console.log(`Advocate ${id} loaded from dist/ in headless Chromium.`);
    for (const page of opened) console.log(`  ${page.url()}\n    toolbar: ${await toolbarTitleOf(context, page)}`);
    if (!plan.demo) console.log('  (add --demo to open the saved GitHub and Stack Overflow pages)');
    await context.close();
    await sites?.close();
    return 0;
  }

  console.log(`Chromium is open with Advocate loaded from dist/ (profile kept in data/chromium-profile).`);
  console.log('  1. On the options page, enrol with the endpoint and code `npm start` printed.');
  if (plan.demo) {
    console.log(`  2. Look at the other tabs: ${Object.values(DEMO_PAGES).map((p) => p.what).join(' and ')}, served from this computer.`);
    console.log('     The toolbar icon gets a dot and a suggestion appears; in the answer box, "Insert a referral link".');
  } else {
    console.log('  2. Visit https://github.com/mysql/mysql-server (or run with -- --demo to use saved pages without the internet).');
  }
  console.log('Close the window (or press Ctrl+C) to stop.');
  const closed = new Promise<void>((done) => context.once('close', () => done()));
  const interrupt = () => void context.close();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  await closed;
  await sites?.close();
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`npm run browser failed: ${error.message}`);
      process.exit(1);
    },
  );
}
