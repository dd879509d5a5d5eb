// Scores detection + matching (starter catalog) on real saved pages and on a labelled URL list.
//
//   npm run eval:detect -- [folder|none] [--labels FILE] [--urls FILE|none] [--check] [--verbose]
//
// folder   saved pages (.html, .htm, .html.gz), default ../shared/pages (next to the repository);
//          "none" scores the labelled URLs alone
// --labels JSON: path relative to folder -> { url?, pageType, products }; default folder/labels.json,
//          else test/fixtures/detect/labels.json. A page's URL is its label's url, else its canonical
//          link / og:url. Unlabelled pages are listed, not scored.
// --urls   JSON lines { url, pageType, products }, default test/fixtures/detect/urls.jsonl
// --check  exit 1 when below the bars (precision >= 0.98, recall >= 0.95, page type and product)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyse, PageFileError, signalsFromFile, type DetectResult } from '../src/cli/page';
import { compileCatalog, starterCatalog } from '../src/core/catalog/index';
import type { PageType } from '../src/core/detect/types';

interface Expected {
  url?: string;
  pageType: PageType;
  products: string[];
}
interface Scored {
  id: string;
  expected: Expected;
  got: DetectResult;
}

const ROOT = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { labels: { type: 'string' }, urls: { type: 'string' }, check: { type: 'boolean' }, verbose: { type: 'boolean' } },
});
const DEFAULT_FOLDER = join(ROOT, '../shared/pages');
if (positionals.length > 1) fail(`one folder of saved pages at most, got ${positionals.length}: ${positionals.join(' ')}`);
const noPages = positionals[0] === 'none';
const folder = resolve(noPages ? DEFAULT_FOLDER : (positionals[0] ?? DEFAULT_FOLDER));
if (!noPages && !existsSync(folder)) {
  fail(
    `no saved pages at ${folder}\n` +
      (positionals[0] === undefined ? `  (they are expected in ../shared/pages, next to the repository)\n` : '') +
      `  pass another folder: npm run eval:detect -- path/to/pages\n` +
      `  or score the labelled URLs alone: npm run eval:detect -- none`,
  );
}

function fail(message: string): never {
  console.error(`eval:detect: ${message}`);
  process.exit(2);
}

const labelsFile = values.labels ?? (existsSync(join(folder, 'labels.json')) ? join(folder, 'labels.json') : join(ROOT, 'test/fixtures/detect/labels.json'));
const urlsFile = values.urls ?? join(ROOT, 'test/fixtures/detect/urls.jsonl');

const index = compileCatalog([starterCatalog]);
const PAGE = /\.(html?|html\.gz)$/;

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (PAGE.test(entry.name)) yield path;
  }
}

function checkExpected(x: unknown, where: string): Expected {
  const e = x as Partial<Expected> | null;
  if (!e || !['project', 'forum', 'other'].includes(e.pageType as string) || !Array.isArray(e.products) || !e.products.every((p) => typeof p === 'string'))
    throw new Error(`${where}: expected { pageType: project|forum|other, products: string[] }`);
  if (e.url !== undefined && typeof e.url !== 'string') throw new Error(`${where}: url must be a string`);
  return e as Expected;
}

function scorePages(): Scored[] {
  if (noPages) return [];
  const labels = existsSync(labelsFile) ? (JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, unknown>) : {};
  const scored: Scored[] = [];
  for (const file of walk(folder)) {
    const rel = relative(folder, file);
    let signals;
    try {
      signals = signalsFromFile(file);
    } catch (e) {
      if (!(e instanceof PageFileError)) throw e;
      console.log(`  unreadable, not scored: ${e.message}`);
      continue;
    }
    const label = labels[rel] === undefined ? undefined : checkExpected(labels[rel], `${labelsFile}: ${rel}`);
    const url = label?.url ?? signals.canonicalUrl;
    if (!url) {
      console.log(`  unscorable (no label url, no canonical/og:url): ${rel}`);
      continue;
    }
    const got = analyse(url, signals, index);
    if (!label) console.log(`  unlabelled: ${rel} -> ${got.pageType} [${got.products.join(', ')}] (${url})`);
    else scored.push({ id: rel, expected: label, got });
  }
  return scored;
}

function scoreUrls(): Scored[] {
  if (urlsFile === 'none') return [];
  return readFileSync(urlsFile, 'utf8')
    .split('\n')
    .map((line, i) => [line, i + 1] as const)
    .filter(([line]) => line.trim())
    .map(([line, n]) => {
      const expected = checkExpected(JSON.parse(line), `${urlsFile}:${n}`);
      if (!expected.url) throw new Error(`${urlsFile}:${n}: url is required`);
      return { id: expected.url, expected, got: analyse(expected.url, undefined, index) };
    });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const fmt = (x: number) => x.toFixed(3);

interface Score {
  typeP: number;
  typeR: number;
  prodP: number;
  prodR: number;
}

/** Page type: 'other' is the negative class. Products: micro-averaged over the sets. */
function report(title: string, items: Scored[], listMisses = true): Score {
  let typePredicted = 0, typeRelevant = 0, typeHitP = 0, typeHitR = 0, prodPredicted = 0, prodRelevant = 0, prodHit = 0;
  const confusion = new Map<string, number>();
  const misses: string[] = [];
  for (const { id, expected, got } of items) {
    const cell = `${expected.pageType}->${got.pageType}`;
    confusion.set(cell, (confusion.get(cell) ?? 0) + 1);
    if (got.pageType !== 'other') {
      typePredicted++;
      if (got.pageType === expected.pageType) typeHitP++;
    }
    if (expected.pageType !== 'other') {
      typeRelevant++;
      if (got.pageType === expected.pageType) typeHitR++;
    }
    const want = new Set(expected.products);
    const hits = got.products.filter((p) => want.has(p)).length;
    prodPredicted += got.products.length;
    prodRelevant += want.size;
    prodHit += hits;
    if (got.pageType !== expected.pageType || hits !== want.size || hits !== got.products.length)
      misses.push(`    ${id}\n      expected ${expected.pageType} [${expected.products.join(', ')}], got ${got.pageType} [${got.products.join(', ')}] keys=${got.keys.join(' ')}`);
  }
  const s: Score = { typeP: ratio(typeHitP, typePredicted), typeR: ratio(typeHitR, typeRelevant), prodP: ratio(prodHit, prodPredicted), prodR: ratio(prodHit, prodRelevant) };
  console.log(`\n${title}: ${items.length} items`);
  console.log(`  page type  precision ${fmt(s.typeP)} (${typeHitP}/${typePredicted})  recall ${fmt(s.typeR)} (${typeHitR}/${typeRelevant})`);
  console.log(`  product    precision ${fmt(s.prodP)} (${prodHit}/${prodPredicted})  recall ${fmt(s.prodR)} (${prodHit}/${prodRelevant})`);
  console.log(`  expected->got: ${[...confusion].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (listMisses && misses.length) console.log(`  mismatches (${misses.length}):\n${(values.verbose ? misses : misses.slice(0, 40)).join('\n')}${!values.verbose && misses.length > 40 ? `\n    … ${misses.length - 40} more (--verbose)` : ''}`);
  return s;
}

console.log(`saved pages: ${noPages ? 'none' : folder}\nlabels: ${labelsFile}\nurls: ${urlsFile}`);
const pages = scorePages();
const urls = scoreUrls();
report('saved pages (URL + DOM signals)', pages);
if (urls.length) report('labelled URLs (URL only)', urls);
const all = report('all', [...pages, ...urls], false);
const pass = all.typeP >= 0.98 && all.typeR >= 0.95 && all.prodP >= 0.98 && all.prodR >= 0.95;
console.log(`\nbars (precision >= 0.98, recall >= 0.95): ${pass ? 'met' : 'NOT met'}`);
if (values.check && !pass) process.exitCode = 1;
