// Where a page's main-thread time goes with the extension, from a DevTools trace of paired loads
// (with / without the extension), summed by top-level event name on the page's renderer main
// thread, plus the trace events whose stack or URL names the extension's content script.
// A diagnosis tool, not a bench figure: npx tsx bench/lib/trace-page.ts [rounds] [page-index]
import { launchWithExtension } from '../../test/browser/chromium';
import { startTestEndpoint } from '../../test/browser/helpers';
import { startSiteServer } from '../../test/browser/site-server';
import { type BrowserContext } from 'playwright-core';
import { enrol } from './extension';
import { PAGES, servedHtml, hostsOf } from '../page-load';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-devtools.timeline.stack', ...(process.env.TRACE_CATEGORIES?.split(',') ?? [])];
// TRACE_CATEGORIES=v8,blink,extensions adds categories, to see inside a task's untraced self time.

async function traced(context: BrowserContext, url: string): Promise<TraceEvent[]> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('new Promise((idle) => requestIdleCallback(idle, { timeout: 2000 }))');
    await page.waitForTimeout(250);
    await cdp.send('Tracing.end');
    await done;
    return events;
  } finally {
    await page.close();
  }
}

/** The renderer main thread that ran the page: the one with the most ParseHTML. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const count = new Map<string, number>();
  for (const e of events) if (e.name === 'ParseHTML' || e.name === 'EvaluateScript') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const best = [...count.entries()].sort((a, b) => b[1] - a[1])[0]![0].split(':').map(Number);
  return { pid: best[0]!, tid: best[1]! };
}

/** Self time per event name on one thread (complete events only, nested by ts/dur); within tasks that ran extension code, names get a "ext task: " prefix. */
function selfTimes(events: TraceEvent[], pid: number, tid: number): Map<string, number> {
  const xs = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  let task: { key: string; dur: number }[] = [];
  let extTask = false;
  const flush = () => {
    for (const { key, dur } of task) self.set(extTask ? `ext task: ${key}` : key, (self.get(extTask ? `ext task: ${key}` : key) ?? 0) + dur);
    task = [];
    extTask = false;
  };
  const pop = () => {
    const top = stack.pop()!;
    const key = label(top.e);
    if (key.endsWith('[ext]')) extTask = true;
    task.push({ key, dur: (top.e.tdur ?? 0) - top.child });
    if (stack.length) stack[stack.length - 1]!.child += top.e.tdur ?? 0;
    else flush();
  };
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) pop();
    stack.push({ e, end: e.ts + e.dur!, child: 0 });
  }
  while (stack.length) pop();
  return self;
}

function label(e: TraceEvent): string {
  const data = e.args?.data ?? e.args?.beginData;
  const url = (data?.url as string | undefined) ?? ((data?.stackTrace as { url: string }[] | undefined)?.[0]?.url);
  const ext = url?.startsWith('chrome-extension://') ? ' [ext]' : '';
  const fn = e.name === 'FunctionCall' && data?.functionName ? ` ${String(data.functionName)}` : '';
  return `${e.name}${fn}${ext}`;
}

const rounds = Number(process.argv[2] ?? 5);
const only = process.argv[3] === undefined ? null : Number(process.argv[3]);
const site = await startSiteServer();
const hosts = new Set<string>();
for (const p of PAGES) {
  const html = servedHtml(p);
  const u = new URL(p.url);
  site.page(u.hostname, u.pathname, html);
  for (const h of [u.hostname, ...hostsOf(html)]) hosts.add(h);
}
const endpoint = await startTestEndpoint();
const ext = await launchWithExtension({ mapHosts: [...hosts], port: site.port });
try {
  (await enrol(ext, endpoint)).options.close();
  const off = await ext.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  for (const [i, p] of PAGES.entries()) {
    if (only !== null && i !== only) continue;
    const sum = { with: new Map<string, number[]>(), without: new Map<string, number[]>() };
    for (let r = 0; r <= rounds; r++) {
      for (const side of ['with', 'without'] as const) {
        const events = await traced(side === 'with' ? ext.context : off, p.url);
        if (r === 0) continue;
        const { pid, tid } = mainThread(events);
        for (const [k, v] of selfTimes(events, pid, tid)) {
          const list = sum[side].get(k) ?? [];
          list.push(v / 1000);
          sum[side].set(k, list);
        }
      }
    }
    const keys = new Set([...sum.with.keys(), ...sum.without.keys()]);
    const mean = (l: number[] | undefined) => (l ? l.reduce((a, b) => a + b, 0) / rounds : 0);
    const rows = [...keys].map((k) => ({ k, w: mean(sum.with.get(k)), wo: mean(sum.without.get(k)) })).sort((a, b) => Math.abs(b.w - b.wo) - Math.abs(a.w - a.wo));
    console.log(`\n# ${p.label} (${p.url}), mean self thread-time ms over ${rounds} loads: with, without, difference`);
    let tw = 0, two = 0;
    for (const r of rows) (tw += r.w), (two += r.wo);
    console.log(`total ${tw.toFixed(2)} ${two.toFixed(2)} ${(tw - two).toFixed(2)}`);
    // TRACE_SHOW=regex: also the rows whose name matches (code injected as a function carries no extension URL).
    const show = process.env.TRACE_SHOW ? new RegExp(process.env.TRACE_SHOW) : null;
    const others = rows.filter((r) => !r.k.startsWith('ext task'));
    for (const r of rows.filter((r) => r.k.startsWith('ext task')).concat(show ? others.filter((r) => show.test(r.k)) : others.slice(0, 8))) console.log(`${r.w.toFixed(2).padStart(8)} ${r.wo.toFixed(2).padStart(8)} ${(r.w - r.wo).toFixed(2).padStart(8)}  ${r.k}`);
  }
  await off.close();
} finally {
  await ext.close();
  await endpoint.close();
  await site.close();
}
