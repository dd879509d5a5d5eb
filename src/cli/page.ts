// Node-side helpers shared by the detect CLI, the evaluation script and the benchmark:
// read a saved page (plain or gzipped) into a DOM, and run detection + matching on it.
// A file that is not a saved page (empty, binary, a device, a corrupt .gz, far too big) is a
// PageFileError naming the file, found within a bounded size and time.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { readDomSignals } from '../content/signals';
import type { CatalogIndex } from '../core/catalog/compile';
import { detectPage, type DomSignals } from '../core/detect/index';
import { matchPage, type PageMatch } from '../core/match/index';

/** Saved pages are a few MB; 16 MiB (before or after gunzip) is no page anyone saved. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

export class PageFileError extends Error {
  override readonly name = 'PageFileError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/** The bytes of a regular file of at most `max` bytes; never opens a device or a pipe. */
export function readBounded(path: string, max: number): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new PageFileError(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it (${(e as Error).message})`);
  }
  if (!stat.isFile()) throw new PageFileError(path, `not a regular file (${stat.isDirectory() ? 'a folder' : 'a device or pipe'}), so not a saved page`);
  if (stat.size > max) throw new PageFileError(path, `${mib(stat.size)}, more than the ${mib(max)} a saved page can be`);
  // Read at most max + 1 bytes, whatever the size said (files in /proc say 0).
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > max) throw new PageFileError(path, `more than the ${mib(max)} a saved page can be`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A saved page as text; `.gz` files are gunzipped. */
export function readHtml(path: string): string {
  let bytes = readBounded(path, MAX_PAGE_BYTES);
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES });
    } catch (e) {
      const tooBig = e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new PageFileError(path, tooBig ? `unzips to more than the ${mib(MAX_PAGE_BYTES)} a saved page can be` : `not a valid gzip file (${(e as Error).message})`);
    }
  }
  const text = bytes.toString('utf8');
  // Judge by the head: the whole page may be megabytes.
  const head = text.slice(0, 65536);
  const start = head.replace(/^\uFEFF/, '').trimStart() || text.trimStart().slice(0, 64);
  if (!start) throw new PageFileError(path, bytes.length ? 'only white space, not an HTML page' : 'empty file, not an HTML page');
  if (head.includes('\u0000')) throw new PageFileError(path, 'binary data, not an HTML page');
  if (!start.startsWith('<')) throw new PageFileError(path, `not an HTML page (it starts with ${JSON.stringify(start.slice(0, 20))})`);
  return text;
}

/** Parse HTML with linkedom; its Document is close enough to the DOM's for querySelector work. */
export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function signalsFromFile(path: string): DomSignals {
  const document = parseDocument(readHtml(path));
  if (!document.documentElement) throw new PageFileError(path, 'no HTML document in it');
  return readDomSignals(document);
}

/**
 * Why a URL cannot be classified, if it cannot: an empty or malformed one would silently come out
 * as 'other'. Any absolute URL can (about:blank is 'other', as in a browser tab).
 */
export function pageUrlProblem(url: string): string | undefined {
  if (!url.trim()) return 'is empty';
  try {
    new URL(url);
    return undefined;
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
}

export interface DetectResult {
  url: string;
  pageType: PageMatch['pageType'];
  site: string;
  products: string[];
  keys: string[];
  confidence: number;
}

export function analyse(url: string, signals: DomSignals | undefined, index: CatalogIndex): DetectResult {
  const match = matchPage(detectPage(url, signals), index);
  return {
    url,
    pageType: match.pageType,
    site: match.site,
    products: match.products.map((p) => p.productId),
    keys: match.keys,
    confidence: match.confidence,
  };
}
