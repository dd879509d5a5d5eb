// No English left in the pages' markup: JSX text and the attributes a person reads (labels,
// titles, placeholders) come from t(). A reasonable scan, not a parser: it reads each TSX file
// of the popup, the options page and the shared UI for words outside braces.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');
/** What may be written as is: the product's name, and example values that are not words. */
const ALLOWED = new Set(['Advocate', '×', '·', '%', '—', '#']);

/** Every file under `dir` whose name ends with `ending`. */
function filesEnding(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesEnding(path, ending);
    return entry.name.endsWith(ending) ? [path] : [];
  });
}

/** Words a person would read, found in one TSX source. */
export function hardCodedText(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  // Text between a tag's end and the next tag or brace: >Some words<
  for (const [, text] of code.matchAll(/>([^<>{}]*[A-Za-z]{2,}[^<>{}]*)</g)) {
    const words = text!.trim();
    if (words && !/[=;()&|]/.test(words) && !ALLOWED.has(words)) found.push(words);
  }
  // Attributes a person reads, given as a plain string: placeholder="…", aria-label="…", title="…", alt="…"
  for (const [, name, value] of code.matchAll(/\b(placeholder|aria-label|title|alt|label)="([^"]*)"/g)) {
    if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(value!) && !/^(https?:\/\/|[\w.-]+\.[a-z]{2,}$)/.test(value!)) found.push(`${name}="${value}"`);
  }
  // A sentence in quotes anywhere in the code (a capitalised word followed by more words): text for a person.
  for (const [, text] of code.matchAll(/(?<!=)['"`]([A-Z][a-z]+(?: [A-Za-z0-9/-]+)+[^'"`]*)['"`]/g)) found.push(text!);
  return found;
}

describe('hard-coded text', () => {
  it('the scan finds words in markup and readable attributes, not code or examples', () => {
    expect(hardCodedText('<p>Nothing here yet</p>')).toEqual(['Nothing here yet']);
    expect(hardCodedText('<button aria-label="Close this">{t("x")}</button>')).toEqual(['aria-label="Close this"']);
    expect(hardCodedText('<p>{t("noMatch")}</p><h1>Advocate</h1>')).toEqual([]);
    expect(hardCodedText('<input placeholder="https://advocate.vendor.example" /><textarea placeholder="news.example.com" />')).toEqual([]);
    expect(hardCodedText('{a > b && <span class="x">{n}</span>}')).toEqual([]);
    expect(hardCodedText("const name = 'Example Vendor';")).toEqual(['Example Vendor']);
    expect(hardCodedText("t(paused ? 'resumeSuggestions' : 'pauseSuggestions')")).toEqual([]);
  });

  it.each(['popup', 'options', 'ui'].flatMap((dir) => filesEnding(join(SRC, dir), '.tsx')).map((path) => relative(SRC, path)))('%s has no English outside the messages', (path) => {
    expect(hardCodedText(readFileSync(join(SRC, path), 'utf8'))).toEqual([]);
  });

  // The worker's refusals reach the popup and the options page as they are: each is a message too.
  // Only `forbidden` (a page asking what it may not) stays English: no person reads it.
  const refusalsInEnglish = (source: string) =>
    [...source.matchAll(/new CommandFailure\(\s*'([\w-]+)',\s*(['"`])([^'"`]*)\2/g)].filter(([, code]) => code !== 'forbidden').map(([, code, , text]) => `${code}: ${text}`);

  it('the scan for English refusals finds a literal message and lets a worded one or a forbidden one be', () => {
    expect(refusalsInEnglish("throw new CommandFailure('no-page', 'Reload the page.');")).toEqual(['no-page: Reload the page.']);
    expect(refusalsInEnglish("throw new CommandFailure('no-page', t('replyNoPage'));")).toEqual([]);
    expect(refusalsInEnglish("throw new CommandFailure('forbidden', 'A page may only report its own address.');")).toEqual([]);
  });

  it.each(filesEnding(join(SRC, 'background'), '.ts').map((path) => relative(SRC, path)))('%s refuses in the practitioner’s words', (path) => {
    expect(refusalsInEnglish(readFileSync(join(SRC, path), 'utf8'))).toEqual([]);
  });
});
