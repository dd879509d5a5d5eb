// Detection of one page as the content script and worker do it: readDomSignals + detectPage +
// matchPage (starter catalog), on every saved real page in ../shared/pages and every HTML
// fixture in test/fixtures, and on the largest real page grown past 1 MB (DESIGN's bar).
// Parsing the HTML (linkedom) happens once per page and is not part of the figure.
//   npx tsx bench/detect.ts [--quick]
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseDocument, readHtml } from '../src/cli/page';
import { readDomSignals } from '../src/content/signals';
import { compileCatalog, starterCatalog } from '../src/core/catalog/index';
import { detectPage } from '../src/core/detect/index';
import { matchPage } from '../src/core/match/index';
import { type Bench, type Figure, isMain, median, percentile, round, runStandalone } from './figure';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = [resolve(ROOT, '../shared/pages'), resolve(ROOT, 'test/fixtures')];

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : /\.(html?|html\.gz)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const index = compileCatalog([starterCatalog]);

/** Per-run times (ms) of the whole detection of one parsed page, warm-up excluded. */
function timePage(doc: Document, iterations: number, warmup: number): number[] {
  const url = readDomSignals(doc).canonicalUrl ?? 'https://example.com/';
  const times: number[] = [];
  let products = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    products += matchPage(detectPage(url, readDomSignals(doc)), index).products.length;
    const ms = performance.now() - t0;
    if (i >= warmup) times.push(ms);
  }
  if (products < 0) throw new Error('unreachable'); // keeps the work observable
  return times;
}

/** The page's HTML with its body repeated until it is at least `bytes` long. */
function grown(html: string, bytes: number): string {
  const body = html.slice(html.indexOf('<body')).replace(/<\/?(html|body)[^>]*>/g, '');
  let big = html;
  while (big.length < bytes) big = big.replace('</body>', `${body}</body>`);
  return big;
}

export const bench: Bench = {
  title: 'Detection of one saved page (signals + detect + match)',
  async run({ quick }) {
    const files = FOLDERS.flatMap(pages);
    if (files.length === 0) throw new Error(`no saved pages under ${FOLDERS.join(', ')}`);
    const iterations = quick ? 100 : 1000;
    const perPage = files.map((f) => {
      const html = readHtml(f);
      return { file: f, kb: html.length / 1024, median: median(timePage(parseDocument(html), iterations, iterations / 5)) };
    });
    const medians = perPage.map((p) => p.median);
    const real = perPage.filter((p) => p.file.startsWith(FOLDERS[0]!));
    const slowest = perPage.reduce((a, b) => (b.median > a.median ? b : a));
    const largest = perPage.reduce((a, b) => (b.kb > a.kb ? b : a));
    const bigHtml = grown(readHtml(largest.file), 1024 * 1024);
    const big = timePage(parseDocument(bigHtml), iterations / 2, iterations / 10);
    const us = (ms: number) => round(ms * 1000);
    const where = (f: string) => relative(resolve(ROOT, '..'), f);
    const figures: Figure[] = [
      {
        name: 'detection of one saved page, median over pages',
        value: us(median(medians)),
        unit: 'µs',
        budget: 1000,
        note: `${files.length} pages: ${real.length} saved real pages (their median ${us(median(real.map((p) => p.median)))} µs) and ${files.length - real.length} test fixtures; each page's figure is the median of ${iterations} runs`,
      },
      {
        name: 'detection of one saved page, p95 over pages',
        value: us(percentile(medians, 95)),
        unit: 'µs',
        budget: null,
        note: `slowest: ${where(slowest.file)} (${Math.round(slowest.kb)} KB) at ${us(slowest.median)} µs`,
      },
      {
        name: 'detection of the largest saved page grown past 1 MB, median',
        value: us(median(big)),
        unit: 'µs',
        budget: 1000,
        note: `${where(largest.file)} (${Math.round(largest.kb)} KB) with its body repeated to ${Math.round(bigHtml.length / 1024)} KB`,
      },
    ];
    return figures;
  },
};

if (isMain(import.meta)) await runStandalone(bench);
