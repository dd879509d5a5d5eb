// Strings come from the extension's messages (public/_locales/<lang>/messages.json).
// Outside an extension (unit tests without a fake) the key itself is shown, so a missing
// message is visible instead of silently blank.

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
  getUILanguage?(): string;
}

function i18nApi(): I18nApi | undefined {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

/** The message for `key`, with $1…$9 filled from `substitutions`. */
export function t(key: string, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  const message = i18nApi()?.getMessage(key, subs.length > 0 ? subs : undefined);
  if (message) return message;
  return subs.length > 0 ? `${key}(${subs.join(', ')})` : key;
}

/**
 * The language the messages are shown in, as a BCP 47 tag, so numbers, money and dates read the
 * same way as the words around them. Each messages.json names its own language (`messagesLocale`):
 * Chrome may show German messages while getUILanguage() still says en-US (seen in headless
 * Chromium with --lang=de). The browser's own tag is kept when it is that language (en-GB, de-AT).
 */
export function uiLocale(): string | undefined {
  const api = i18nApi();
  const written = api?.getMessage('messagesLocale') || undefined;
  const candidates = [safe(() => api?.getUILanguage?.()), typeof navigator === 'undefined' ? undefined : navigator.language];
  for (const candidate of candidates) {
    const tag = canonical(candidate);
    if (tag && (!written || tag === written || tag.startsWith(`${written}-`))) return tag;
  }
  return canonical(written);
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function canonical(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  return safe(() => Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0]);
}

/**
 * A message about a count: `<key>_one`, `<key>_other`… chosen by the UI language's plural rules
 * (Intl.PluralRules), the count itself as $1 (formatted), `substitutions` as $2…. A category a
 * locale does not spell out (few, many) falls back to `<key>_other`.
 */
export function tn(key: string, count: number, ...substitutions: (string | number)[]): string {
  const locale = uiLocale();
  let category: string = 'other';
  let shown = String(count);
  try {
    category = new Intl.PluralRules(locale).select(count);
    shown = new Intl.NumberFormat(locale).format(count);
  } catch {
    // no Intl for this locale: the 'other' form still reads correctly for most counts
  }
  const subs = [shown, ...substitutions.map(String)];
  const exact = i18nApi()?.getMessage(`${key}_${category}`, subs);
  return exact || t(`${key}_other`, ...subs);
}
