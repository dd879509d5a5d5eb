// What the extension costs a page, from paired loads in one browser: the browser's default
// profile has the built extension (enrolled with the reference endpoint's vendor, so matched
// pages get whatever the extension shows there); a second browser context of the same browser
// has no extension. Each load is a fresh tab; pages are served under their real host names.
// - main-thread time: Chrome DevTools Protocol Performance.getMetrics, TaskDuration of the
//   page's renderer (every task of its main thread: script, style, layout, paint, IPC waits;
//   ScriptDuration is part of it, so it is not added again), with minus without (median of
//   paired loads); the script and style + layout parts beside it;
// - page load: loadEventEnd of the navigation, median of the paired ratios with / without.
// The A/A noise floor is the same procedure in a second browser without the extension (its
// default profile against its own second context), interleaved with the real pairs.
// Also the code the extension runs in a matched page, gzipped, as the page's debugger sees it.
// - with --cpu, each load is also traced: the thread (CPU) time of the page's main thread, with
//   minus without, and of the extension's own script events; far less noisy on a shared machine.
// Build first: npx vite build.   npx tsx bench/page-load.ts [--quick] [--rounds N] [--only matched|served|unserved] [--cpu]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath, launchWithExtension } from '../test/browser/chromium';
import { startTestEndpoint } from '../test/browser/helpers';
import { hostResolverRules, startSiteServer, withTitleTag } from '../test/browser/site-server';
import { readHtml } from '../src/cli/page';
import { gzippedKb } from './bundle-size';
import { type Bench, type Figure, isMain, median, percentile, round, runStandalone } from './figure';
import { enrol } from './lib/extension';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '../shared/pages');

interface TestPage {
  label: string;
  detail: string;
  url: string;
  file: string;
  /** A site Advocate serves (its host_permissions name it). */
  served: boolean;
  /** The worker runs extension code in this page, the content script or the signal reader (it must be seen there, and nowhere else). */
  scriptRuns: boolean;
  matched: boolean;
  budgetMs: number;
  /** Serve the saved page with this in place of its title's first tag (a page of the same markup, about something else). */
  titleTag?: string;
}

export const PAGES: TestPage[] = [
  {
    label: 'page on a site Advocate does not serve',
    detail: 'the saved Stack Overflow HTML served as www.example.org',
    url: 'https://www.example.org/questions/2003505/how-do-i-delete-a-git-branch-locally-and-remotely',
    file: resolve(SHARED, 'stackoverflow/question_2003505_git-delete-branch.html'),
    served: false,
    scriptRuns: false,
    matched: false,
    budgetMs: 1,
  },
  {
    label: 'served page that matches nothing',
    detail: 'a saved real GitHub repository page that no catalog names',
    url: 'https://github.com/microlinkhq/mql',
    file: resolve(SHARED, 'github/repo-root_microlinkhq-mql.html'),
    served: true,
    scriptRuns: false, // its address names nothing in the catalog: the worker leaves it alone
    matched: false,
    budgetMs: 1,
  },
  {
    label: 'served question that matches nothing',
    detail: 'the saved Stack Overflow question about git (its title names no catalog tag, so the worker leaves it alone)',
    url: 'https://stackoverflow.com/questions/2003505/how-do-i-delete-a-git-branch-locally-and-remotely',
    file: resolve(SHARED, 'stackoverflow/question_2003505_git-delete-branch.html'),
    served: true,
    scriptRuns: false,
    matched: false,
    budgetMs: 1,
  },
  {
    label: 'served question titled with a catalog tag, tags matching nothing',
    detail: 'the same saved question with "mysql" as its title\'s tag: the worker reads its tags with the small signal reader, and runs no content script since they match nothing',
    url: 'https://stackoverflow.com/questions/2003506/how-do-i-delete-a-git-branch-locally-and-remotely',
    file: resolve(SHARED, 'stackoverflow/question_2003505_git-delete-branch.html'),
    titleTag: 'mysql',
    served: true,
    scriptRuns: true,
    matched: false,
    budgetMs: 1,
  },
  {
    label: 'matched project page',
    detail: 'github.com/mysql/mysql-server, a test fixture reproducing its markup',
    url: 'https://github.com/mysql/mysql-server',
    file: resolve(ROOT, 'test/fixtures/pages/github-mysql-server.html'),
    served: true,
    scriptRuns: true,
    matched: true,
    budgetMs: 5,
  },
  {
    label: 'matched forum page',
    detail: 'a Stack Overflow question tagged mysql, a test fixture reproducing its markup',
    url: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow',
    file: resolve(ROOT, 'test/fixtures/detect/stackoverflow-question.html'),
    served: true,
    scriptRuns: true,
    matched: true,
    budgetMs: 5,
  },
];

/** The page as the bench serves it. */
export function servedHtml(p: TestPage): string {
  const saved = readHtml(p.file);
  return p.titleTag === undefined ? saved : withTitleTag(saved, p.titleTag);
}

/** After `load`, wait for an idle period and this long, so document_idle scripts and what they ask the worker count too. */
const SETTLE_MS = 250;

interface Load {
  mainMs: number;
  scriptMs: number;
  /** RecalcStyleDuration + LayoutDuration. */
  styleLayoutMs: number;
  /** With --cpu: thread time of the page's main thread, and of the extension's script events on it. */
  cpuMs: number;
  extensionCpuMs: number;
  loadMs: number;
  extensionRan: boolean;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what the thread itself spent, not the time it waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; beginData?: { url?: string } };
}

/**
 * The extension's own events: its script injections (the worker's executeScript, of a file or a
 * function, with the isolated world it creates: `ScriptInjection::InjectJs`, category
 * `extensions`) and any event running extension code later (answers, idle callbacks).
 */
const isExtensionEvent = (e: TraceEvent) => e.name === 'ScriptInjection::InjectJs' || (e.args?.data?.url ?? e.args?.beginData?.url ?? '').startsWith('chrome-extension://');

/**
 * From a DevTools trace of one load: the thread time of every task of the page's renderer main
 * thread (the thread that parsed the page), and of the extension's own script events in it.
 * Thread time counts only what ran on that thread, so a machine shared with other work adds
 * far less noise to it than to the wall-clock TaskDuration.
 */
function threadTimes(events: TraceEvent[]): { cpuMs: number; extensionCpuMs: number } {
  const parsed = new Map<string, number>();
  for (const e of events) if (e.name === 'ParseHTML' && e.ph === 'X') parsed.set(`${e.pid}:${e.tid}`, (parsed.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...parsed.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (main === undefined) throw new Error('the trace shows no page being parsed');
  const xs = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let cpu = 0;
  let extension = 0;
  const open: { end: number; extension: boolean }[] = [];
  for (const e of xs) {
    while (open.length > 0 && open[open.length - 1]!.end <= e.ts) open.pop();
    const inExtension = open.some((o) => o.extension);
    if (open.length === 0) cpu += e.tdur ?? 0;
    const ext = isExtensionEvent(e);
    if (ext && !inExtension) extension += e.tdur ?? 0;
    open.push({ end: e.ts + e.dur!, extension: ext || inExtension });
  }
  return { cpuMs: cpu / 1000, extensionCpuMs: extension / 1000 };
}

/** With --cpu each load is also traced, for the thread-time figures. */
const TRACE = process.argv.includes('--cpu');

/** `expectExtension`: the worker runs the content script once the load completes; wait for it (a few seconds at most), then for the page to settle again. */
async function load(context: BrowserContext, url: string, expectExtension = false): Promise<Load> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    let extensionRan = false;
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      if (c.origin.startsWith('chrome-extension://')) extensionRan = true;
    });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => void events.push(...(value as unknown as TraceEvent[])));
    const traced = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Runtime.enable');
    await cdp.send('Performance.enable');
    if (TRACE) await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'v8.execute', 'extensions'] }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('new Promise((idle) => requestIdleCallback(idle, { timeout: 2000 }))');
    await page.waitForTimeout(SETTLE_MS);
    if (expectExtension) {
      for (const deadline = Date.now() + 3000; !extensionRan && Date.now() < deadline; ) await page.waitForTimeout(25);
      await page.evaluate('new Promise((idle) => requestIdleCallback(idle, { timeout: 2000 }))');
      await page.waitForTimeout(SETTLE_MS);
    }
    let cpu = { cpuMs: Number.NaN, extensionCpuMs: Number.NaN };
    if (TRACE) {
      await cdp.send('Tracing.end');
      await traced;
      cpu = threadTimes(events);
    }
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const loadMs: number = await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; })()`);
    return {
      mainMs: seconds('TaskDuration') * 1000,
      scriptMs: seconds('ScriptDuration') * 1000,
      styleLayoutMs: (seconds('RecalcStyleDuration') + seconds('LayoutDuration')) * 1000,
      loadMs,
      extensionRan,
      ...cpu,
    };
  } finally {
    await page.close();
  }
}

/** Gzipped KB of every script the extension runs in a page at `url`, as the page's debugger reports them. */
async function extensionCodeKb(context: BrowserContext, url: string): Promise<{ kb: number; files: string[] }> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const worlds = new Set<number>();
    const scripts = new Map<string, string>();
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      if (c.origin.startsWith('chrome-extension://')) worlds.add(c.id);
    });
    cdp.on('Debugger.scriptParsed', (s) => {
      if (s.url.startsWith('chrome-extension://') || worlds.has(s.executionContextId)) scripts.set(s.scriptId, s.url || `(inline ${s.scriptId})`);
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Debugger.enable');
    await page.goto(url, { waitUntil: 'load' });
    // The worker runs the script once the load completes.
    for (const deadline = Date.now() + 3000; worlds.size === 0 && Date.now() < deadline; ) await page.waitForTimeout(25);
    await page.evaluate('new Promise((idle) => requestIdleCallback(idle, { timeout: 2000 }))');
    await page.waitForTimeout(SETTLE_MS);
    let kb = 0;
    for (const scriptId of scripts.keys()) kb += gzippedKb((await cdp.send('Debugger.getScriptSource', { scriptId })).scriptSource);
    return { kb: round(kb), files: [...new Set(scripts.values())].map((u) => u.replace(/^chrome-extension:\/\/[^/]+\//, '')) };
  } finally {
    await page.close();
  }
}

/** Every host a page names, so each one (CDNs, analytics) gets a quick local 404 instead of a DNS failure. */
export function hostsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]!.toLowerCase()))];
}

/** The same kind of browser (persistent profile, the same flags), without the extension. */
async function launchPlain(hosts: string[], port: number): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      `--host-resolver-rules=${hostResolverRules(hosts, port, { othersFail: true })}`],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One with/without pair, in the given order; returns [first side's load, second side's load] as [a, b]. */
/** `aRuns`: the extension's script is expected in context a's loads. */
async function pair(a: BrowserContext, b: BrowserContext, url: string, aFirst: boolean, aRuns = false): Promise<[Load, Load]> {
  if (aFirst) {
    const x = await load(a, url, aRuns);
    return [x, await load(b, url)];
  }
  const y = await load(b, url);
  return [await load(a, url, aRuns), y];
}

const pct = (ratios: number[]) => round((median(ratios) - 1) * 100);

export const bench: Bench = {
  title: 'Main-thread time and page load with the extension',
  async run({ quick }) {
    const roundsAt = process.argv.indexOf('--rounds');
    const rounds = quick ? 1 : roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 20;
    const onlyAt = process.argv.indexOf('--only');
    const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
    const pages = PAGES.filter((p) => only === undefined || (only === 'matched' ? p.matched : only === 'served' ? p.served && !p.matched : !p.served));
    const site = await startSiteServer();
    const hosts = new Set<string>();
    for (const p of PAGES) {
      const html = servedHtml(p);
      const url = new URL(p.url);
      site.page(url.hostname, url.pathname, html);
      for (const h of [url.hostname, ...hostsOf(html)]) hosts.add(h);
    }
    const endpoint = await startTestEndpoint();
    const ext = await launchWithExtension({ mapHosts: [...hosts], port: site.port });
    const plain = await launchPlain([...hosts], site.port);
    try {
      (await enrol(ext, endpoint)).options.close();
      const extOff = await ext.context.browser()!.newContext({ ignoreHTTPSErrors: true });
      const plainOther = await plain.context.browser()!.newContext({ ignoreHTTPSErrors: true });
      const runs = new Map(pages.map((p) => [p, { with: [] as Load[], without: [] as Load[], a: [] as Load[], b: [] as Load[] }]));
      for (let r = 0; r <= rounds; r++) {
        for (const p of pages) {
          const [w, wo] = await pair(ext.context, extOff, p.url, r % 2 === 0, p.scriptRuns);
          const [a, b] = await pair(plain.context, plainOther, p.url, r % 2 === 1);
          if (r === 0) continue; // warm-up: caches, the worker, the JIT
          const run = runs.get(p)!;
          run.with.push(w), run.without.push(wo), run.a.push(a), run.b.push(b);
        }
      }
      const figures: Figure[] = [];
      for (const p of pages) {
        const run = runs.get(p)!;
        if ([...run.without, ...run.a, ...run.b].some((l) => l.extensionRan)) throw new Error(`the extension ran in a profile without it on ${p.url}`);
        const ran = run.with.filter((l) => l.extensionRan).length;
        if (p.scriptRuns && ran < run.with.length) throw new Error(`the extension ran in only ${ran} of ${run.with.length} loads of ${p.url}`);
        if (!p.scriptRuns && ran > 0) throw new Error(`the extension ran in ${ran} of ${run.with.length} loads of ${p.url}, a page it should leave alone`);
        const added = run.with.map((l, i) => l.mainMs - run.without[i]!.mainMs);
        const noise = run.a.map((l, i) => l.mainMs - run.b[i]!.mainMs);
        const script = run.with.map((l, i) => l.scriptMs - run.without[i]!.scriptMs);
        const scriptNoise = run.a.map((l, i) => l.scriptMs - run.b[i]!.scriptMs);
        const styleLayout = run.with.map((l, i) => l.styleLayoutMs - run.without[i]!.styleLayoutMs);
        const styleLayoutNoise = run.a.map((l, i) => l.styleLayoutMs - run.b[i]!.styleLayoutMs);
        const noiseAbs = noise.map(Math.abs);
        figures.push({
          name: `main-thread time added: ${p.label}`,
          value: round(median(added)),
          unit: 'ms',
          budget: p.budgetMs,
          comparison: { name: 'A/A: two sides without the extension', value: round(median(noise)) },
          noise: round(Math.abs(median(noise))),
          note: `${p.detail}; ${rounds} paired loads; the extension ran in ${ran}/${run.with.length}; minus the A/A median: ${round(median(added) - median(noise))} ms; A/A |difference| median ${round(median(noiseAbs))} ms, p95 ${round(percentile(noiseAbs, 95))} ms; without the extension ${round(median(run.without.map((l) => l.mainMs)))} ms`,
        });
        figures.push({
          name: `script time added (ScriptDuration alone): ${p.label}`,
          value: round(median(script)),
          unit: 'ms',
          budget: null,
          comparison: { name: 'A/A: two sides without the extension', value: round(median(scriptNoise)) },
          noise: round(Math.abs(median(scriptNoise))),
          note: 'the JavaScript part of the figure above: the content script and whatever it triggers in the page',
        });
        figures.push({
          name: `style + layout time added (RecalcStyleDuration + LayoutDuration): ${p.label}`,
          value: round(median(styleLayout)),
          unit: 'ms',
          budget: null,
          comparison: { name: 'A/A: two sides without the extension', value: round(median(styleLayoutNoise)) },
          noise: round(Math.abs(median(styleLayoutNoise))),
          note: 'the part of the main-thread figure spent on style and layout',
        });
        if (TRACE) {
          const cpu = run.with.map((l, i) => l.cpuMs - run.without[i]!.cpuMs);
          const cpuNoise = run.a.map((l, i) => l.cpuMs - run.b[i]!.cpuMs);
          const extensionCpu = run.with.map((l) => l.extensionCpuMs);
          figures.push({
            name: `main-thread CPU time added (trace, thread time): ${p.label}`,
            value: round(median(cpu)),
            unit: 'ms',
            budget: p.budgetMs,
            comparison: { name: 'A/A: two sides without the extension', value: round(median(cpuNoise)) },
            noise: round(Math.abs(median(cpuNoise))),
            note: `every task's thread time on the page's main thread, with minus without, median of ${rounds} pairs; minus the A/A median: ${round(median(cpu) - median(cpuNoise))} ms; A/A |difference| median ${round(median(cpuNoise.map(Math.abs)))} ms; without the extension ${round(median(run.without.map((l) => l.cpuMs)))} ms`,
          });
          figures.push({
            name: `the extension's own script events, thread time: ${p.label}`,
            value: round(median(extensionCpu)),
            unit: 'ms',
            budget: null,
            note: `the worker's script injections (ScriptInjection::InjectJs: the isolated world's creation, compile and run, of the content script or the signal reader) and later events of chrome-extension:// code on the page's main thread (what they run and force: DOM, style, layout), median of ${rounds} loads; p95 ${round(percentile(extensionCpu, 95))} ms`,
          });
        }
        const aa = pct(run.a.map((l, i) => l.loadMs / run.b[i]!.loadMs));
        const slower = pct(run.with.map((l, i) => l.loadMs / run.without[i]!.loadMs));
        figures.push({
          name: `page load with vs without the extension: ${p.label}`,
          value: slower,
          unit: '% slower',
          budget: Math.max(2, Math.abs(aa)),
          budgetNote: '≤ 2 % slower, or within the A/A noise floor',
          comparison: { name: 'A/A: two sides without the extension', value: aa },
          noise: Math.abs(aa),
          note: `median paired ratio of loadEventEnd; minus the A/A median: ${round(slower - aa)} points; without the extension ${round(median(run.without.map((l) => l.loadMs)))} ms`,
        });
      }
      const code = await Promise.all(pages.filter((p) => p.matched).map(async (p) => ({ p, ...(await extensionCodeKb(ext.context, p.url)) })));
      if (code.length > 0) {
        const most = code.reduce((x, y) => (y.kb > x.kb ? y : x));
        figures.push({
          name: 'extension code run in a matched page, gzipped',
          value: most.kb,
          unit: 'KB',
          budget: 10,
          note: code.map((c) => `${c.p.url}: ${c.kb} KB (${c.files.join(', ')})`).join('; '),
        });
      }
      await extOff.close();
      await plainOther.close();
      return figures;
    } finally {
      await ext.close();
      await plain.close();
      await endpoint.close();
      await site.close();
    }
  },
};

if (isMain(import.meta)) await runStandalone(bench);
