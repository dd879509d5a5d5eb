// Which of the content script's functions a page's main thread runs, from V8 CPU profiles
// (50 µs sampling) of loads with the extension; samples are counted when any frame of their
// stack is extension code. A diagnosis tool: npx tsx bench/lib/profile-page.ts [rounds] [page-index]
// (page indexes as in bench/page-load.ts PAGES; to read names, build unminified first: NOMINIFY=1 npx vite build).
import { launchWithExtension } from '../../test/browser/chromium';
import { startTestEndpoint } from '../../test/browser/helpers';
import { startSiteServer } from '../../test/browser/site-server';
import { enrol } from './extension';
import { PAGES, servedHtml, hostsOf } from '../page-load';
const rounds = Number(process.argv[2] ?? 5);
const idx = Number(process.argv[3] ?? 2);
const site = await startSiteServer();
const hosts = new Set<string>();
for (const p of PAGES) { const html = servedHtml(p); const u = new URL(p.url); site.page(u.hostname, u.pathname, html); for (const h of [u.hostname, ...hostsOf(html)]) hosts.add(h); }
const endpoint = await startTestEndpoint();
const ext = await launchWithExtension({ mapHosts: [...hosts], port: site.port });
const self = new Map<string, number>();
const lines = new Map<string, number>();
let total = 0;
try {
  (await enrol(ext, endpoint)).options.close();
  const p = PAGES[idx]!;
  for (let r = 0; r <= rounds; r++) {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.goto(p.url, { waitUntil: 'load' });
    await page.evaluate('new Promise((idle) => requestIdleCallback(idle, { timeout: 2000 }))');
    await page.waitForTimeout(250);
    const { profile } = await cdp.send('Profiler.stop');
    await page.close();
    if (r === 0) continue;
    const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
    const extNode = (id: number): boolean => { for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) if ((byId.get(x) as any).callFrame.url.startsWith('chrome-extension://')) return true; return false; };
    const dts = (profile.timeDeltas ?? []) as number[];
    const samples = profile.samples ?? [];
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i]!; const dt = (dts[i + 1] ?? 0) / 1000;
      if (!extNode(id)) continue;
      const n: any = byId.get(id);
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*\//, '')}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + dt); total += dt;
    }
    // Line-level hits (positionTicks: one per sample) of the extension's own functions.
    for (const n of profile.nodes as any[]) {
      if (!n.callFrame.url.startsWith('chrome-extension://')) continue;
      for (const t of n.positionTicks ?? []) {
        const key = `line ${t.line} (${n.callFrame.functionName || 'anon'})`;
        lines.set(key, (lines.get(key) ?? 0) + t.ticks);
      }
    }
  }
  console.log(`${PAGES[idx]!.label}: ext-rooted samples ${ (total / rounds).toFixed(2)} ms per load`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / rounds).toFixed(2).padStart(7), k);
  console.log('samples per load by line:');
  for (const [k, v] of [...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / rounds).toFixed(1).padStart(7), k);
} finally { await ext.close(); await endpoint.close(); await site.close(); }
