// The extension's messages (public/_locales) as Chrome shows them, for tests of any kind: a fake
// chrome.i18n for unit tests (the UI harness re-exports it) and the German browser test's assertions.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

type Message = { message: string; placeholders?: Record<string, { content: string }> };
export type Messages = Record<string, Message>;

export const readMessages = (lang: string): Messages => JSON.parse(readFileSync(resolve(import.meta.dirname, `../public/_locales/${lang}/messages.json`), 'utf8'));
export const MESSAGES: Messages = readMessages('en');
const GERMAN: Messages = readMessages('de');

/** Chrome's getMessage: named placeholders expand to $1…$9, which take the substitutions; '' for an unknown key. */
export function messageIn(messages: Messages, key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const expanded = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole);
  return expanded.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

export const getMessage = (key: string, substitutions?: string | string[]) => messageIn(MESSAGES, key, substitutions);

/** English text of a message, for assertions (and as a `Say` for pure code that words things). */
export const en = (key: string, ...subs: (string | number)[]) => getMessage(key, subs.map(String));

/** German text of a message, for assertions. */
export const de = (key: string, ...subs: (string | number)[]) => messageIn(GERMAN, key, subs.map(String));

/** A fake chrome.i18n in `lang` (the browser's UI language): its messages, and English where Chrome would fall back. */
export function installI18n(language?: unknown): void {
  const lang = typeof language === 'string' ? language : 'en'; // beforeEach(installI18n) passes its context
  const own = lang === 'en' ? MESSAGES : readMessages(lang);
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: { getMessage: (key: string, subs?: string | string[]) => messageIn(own, key, subs) || getMessage(key, subs), getUILanguage: () => lang },
  };
}

/** Takes the fake chrome.i18n away again (a test that installed one for itself). */
export function removeI18n(): void {
  delete (globalThis as { chrome?: unknown }).chrome;
}

/** For a file whose code under test writes messages (the worker's reasons): English for its tests, gone after them. */
export function withEnglishMessages(): void {
  beforeAll(() => installI18n());
  afterAll(removeI18n);
}
