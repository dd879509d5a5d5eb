// npm run detect -- --url URL [--html FILE]   one page -> one JSON object
// npm run detect -- --batch FILE               JSON lines {"url", "html"?} -> one JSON line each
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileCatalog, starterCatalog } from '../core/catalog/index';
import type { CatalogIndex } from '../core/catalog/compile';
import { analyse, PageFileError, pageUrlProblem, readBounded, signalsFromFile } from './page';

/** A batch file is JSON lines naming pages; 256 MiB of them is plenty. */
const MAX_BATCH_BYTES = 256 * 1024 * 1024;

const USAGE = `usage:
  npm run detect -- --url URL [--html FILE]    classify one page (FILE: saved HTML, plain or .gz)
  npm run detect -- --html FILE                same, URL taken from the page's canonical link / og:url
  npm run detect -- --batch FILE               JSON lines {"url": "...", "html": "path"?}; html paths are
                                               relative to FILE; "url" may be left out when the page
                                               names its canonical URL; one JSON result per line, in
                                               order; a bad line prints {"error": "..."}; blank lines
                                               are skipped; exit 1 if any line failed
exit status: 0 done, 1 a file or line could not be read, 2 wrong usage`;

class UsageError extends Error {}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function main(argv: string[]): number {
  let values: { url?: string; html?: string; batch?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { url: { type: 'string' }, html: { type: 'string' }, batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(message(e));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.batch !== undefined) {
    if (values.url !== undefined || values.html !== undefined) throw new UsageError('--batch cannot be combined with --url or --html');
    return runBatch(values.batch, compileCatalog([starterCatalog]));
  }
  if (values.url === undefined && values.html === undefined) throw new UsageError('give --url URL, --html FILE or --batch FILE');
  const urlProblem = values.url === undefined ? undefined : pageUrlProblem(values.url);
  if (urlProblem) throw new UsageError(`--url ${urlProblem}`);
  const signals = values.html === undefined ? undefined : signalsFromFile(values.html);
  const url = values.url ?? pageUrl(values.html!, signals?.canonicalUrl);
  process.stdout.write(`${JSON.stringify(analyse(url, signals, compileCatalog([starterCatalog])))}\n`);
  return 0;
}

/** The canonical URL a saved page names, when no URL was given. */
function pageUrl(html: string, canonical: string | undefined): string {
  if (canonical === undefined) throw new PageFileError(html, 'names no canonical link or og:url; give its URL');
  const problem = pageUrlProblem(canonical);
  if (problem) throw new PageFileError(html, `its canonical URL ${problem}; give its URL`);
  return canonical;
}

function runBatch(file: string, index: CatalogIndex): number {
  const base = dirname(resolve(file));
  const lines = readBounded(file, MAX_BATCH_BYTES).toString('utf8').split('\n');
  let out: string[] = [];
  let failed = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return; // blank lines carry no request
    const result = batchLine(line, i + 1, base, index);
    if ('error' in result) failed++;
    out.push(JSON.stringify(result));
    if (out.length >= 1000) {
      process.stdout.write(`${out.join('\n')}\n`);
      out = [];
    }
  });
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  return failed ? 1 : 0;
}

function batchLine(line: string, lineNo: number, base: string, index: CatalogIndex): object {
  try {
    const req: unknown = JSON.parse(line);
    if (!req || typeof req !== 'object' || Array.isArray(req)) return { error: `line ${lineNo}: expected a JSON object` };
    const { url, html } = req as { url?: unknown; html?: unknown };
    if (url !== undefined && typeof url !== 'string') return { error: `line ${lineNo}: "url" must be a string` };
    if (html !== undefined && typeof html !== 'string') return { error: `line ${lineNo}: "html" must be a path string` };
    if (url === undefined && html === undefined) return { error: `line ${lineNo}: give "url", "html" or both` };
    const urlProblem = url === undefined ? undefined : pageUrlProblem(url);
    if (urlProblem) return { error: `line ${lineNo}: "url" ${urlProblem}` };
    const page = html === undefined ? undefined : resolve(base, html);
    const signals = page === undefined ? undefined : signalsFromFile(page);
    return analyse(url ?? pageUrl(page!, signals?.canonicalUrl), signals, index);
  } catch (e) {
    return { error: `line ${lineNo}: ${message(e)}` };
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(e instanceof UsageError ? `detect: ${e.message}\n${USAGE}\n` : `detect: ${message(e)}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
