// npm run detect -- --url URL [--html FILE]   one page -> one JSON object
// npm run detect -- --batch FILE               JSON lines {"url", "html"?} -> one JSON line each
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileCatalog, starterCatalog } from '../core/catalog/index';
import type { CatalogIndex } from '../core/catalog/compile';
import { analyse, signalsFromFile } from './page';

const USAGE = `usage:
  npm run detect -- --url URL [--html FILE]    classify one page (FILE: saved HTML, plain or .gz)
  npm run detect -- --html FILE                same, URL taken from the page's canonical link / og:url
  npm run detect -- --batch FILE               JSON lines {"url": "...", "html": "path"?}; html paths are
                                               relative to FILE; one JSON result per line, in order;
                                               a bad line prints {"error": "..."}; blank lines are
                                               skipped; exit 1 if any line failed`;

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
  const signals = values.html === undefined ? undefined : signalsFromFile(values.html);
  const url = values.url ?? signals?.canonicalUrl;
  if (!url) throw new UsageError(`${values.html} has no canonical link or og:url; give --url`);
  process.stdout.write(`${JSON.stringify(analyse(url, signals, compileCatalog([starterCatalog])))}\n`);
  return 0;
}

function runBatch(file: string, index: CatalogIndex): number {
  const base = dirname(resolve(file));
  const lines = readFileSync(file, 'utf8').split('\n');
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
    if (typeof url !== 'string' || !url) return { error: `line ${lineNo}: "url" must be a non-empty string` };
    if (html !== undefined && typeof html !== 'string') return { error: `line ${lineNo}: "html" must be a path string` };
    const signals = html === undefined ? undefined : signalsFromFile(resolve(base, html));
    return analyse(url, signals, index);
  } catch (e) {
    return { error: `line ${lineNo}: ${message(e)}` };
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(e instanceof UsageError ? `detect: ${e.message}\n${USAGE}\n` : `detect: ${message(e)}\n`);
  process.exitCode = 2;
}
