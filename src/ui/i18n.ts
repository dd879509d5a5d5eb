// Strings come from the extension's messages (public/_locales/<lang>/messages.json).
// Outside an extension (unit tests without a fake) the key itself is shown, so a missing
// message is visible instead of silently blank.

interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
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
