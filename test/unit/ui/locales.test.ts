// Every locale says the same things as English: the same keys, no extra ones, and the same
// substitutions in the same places ($1… and the named $NAME$ placeholders that carry them).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLocale, type Messages } from './locale-check';

const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
const read = (lang: string): Messages => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8'));
const languages = readdirSync(LOCALES).filter((name) => name !== 'en');
const en = read('en');

describe('locales', () => {
  it('ships English and at least German', () => {
    expect(languages).toContain('de');
  });

  it.each(languages)('%s has exactly the English keys, each with the same substitutions', (lang) => {
    expect(compareLocale(en, read(lang))).toEqual([]);
  });

  it('no message is empty, and translated messages are not left in English wholesale', () => {
    for (const lang of ['en', ...languages]) {
      for (const [key, entry] of Object.entries(read(lang))) expect(entry.message.trim(), `${lang}/${key}`).not.toBe('');
    }
    const de = read('de');
    const same = Object.keys(en).filter((key) => en[key]!.message.length > 25 && en[key]!.message === de[key]!.message);
    expect(same).toEqual([]);
  });

  it('the check itself catches a missing key, an extra key and a placeholder that differs', () => {
    const base: Messages = {
      a: { message: 'Hello $NAME$', placeholders: { name: { content: '$1' } } },
      b: { message: 'Count $1' },
    };
    expect(compareLocale(base, { a: base.a!, b: base.b! })).toEqual([]);
    expect(compareLocale(base, { a: base.a! })).toEqual(['b: missing']);
    expect(compareLocale(base, { ...base, c: { message: 'x' } })).toEqual(['c: not in English']);
    expect(compareLocale(base, { ...base, b: { message: 'Anzahl' } })).toEqual(['b: uses [] where English uses [$1]']);
    expect(compareLocale(base, { ...base, a: { message: 'Hallo $NAME$', placeholders: { name: { content: '$2' } } } })).toEqual([
      'a: uses [$2] where English uses [$1]',
    ]);
    expect(compareLocale(base, { ...base, a: { message: 'Hallo $WER$', placeholders: { name: { content: '$1' } } } })).toEqual([
      'a: placeholder $WER$ is not declared',
      'a: uses [] where English uses [$1]',
    ]);
  });
});
