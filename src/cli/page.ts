// Node-side helpers shared by the detect CLI, the evaluation script and the benchmark:
// read a saved page (plain or gzipped) into a DOM, and run detection + matching on it.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { readDomSignals } from '../content/signals';
import type { CatalogIndex } from '../core/catalog/compile';
import { detectPage, type DomSignals } from '../core/detect/index';
import { matchPage, type PageMatch } from '../core/match/index';

/** A saved page as text; `.gz` files are gunzipped. */
export function readHtml(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Parse HTML with linkedom; its Document is close enough to the DOM's for querySelector work. */
export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export const signalsFromFile = (path: string): DomSignals => readDomSignals(parseDocument(readHtml(path)));

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
