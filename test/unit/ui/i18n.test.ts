// Counts, money and dates in the UI language: plural forms from Intl.PluralRules, never "1 items".
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber } from '../../../src/ui/format';
import { t, tn, uiLocale } from '../../../src/ui/i18n';
import { installI18n, removeI18n } from './harness';

/** Intl puts a no-break space between amount and symbol. */
const spaced = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

afterEach(removeI18n);

describe('plurals', () => {
  it('picks the singular and the plural in English', () => {
    installI18n('en');
    expect(tn('vendorCatalogProducts', 1)).toBe('1 product');
    expect(tn('vendorCatalogProducts', 2)).toBe('2 products');
    expect(tn('vendorCatalogProducts', 0)).toBe('0 products');
    expect(tn('unsyncedCount', 1)).toBe('1 item not yet accepted by its vendor.');
    expect(tn('vendorCatalogProducts', 12345)).toBe('12,345 products');
  });

  it('picks the German forms, with German digits grouping', () => {
    installI18n('de');
    expect(uiLocale()).toBe('de');
    expect(tn('vendorCatalogProducts', 1)).toBe('1 Produkt');
    expect(tn('vendorCatalogProducts', 12345)).toBe('12.345 Produkte');
    expect(tn('newConversions', 1)).toBe('1 neuer Abschluss seit Ihrem letzten Besuch.');
    expect(t('openSettings')).toBe('Einstellungen');
  });
});

describe('formats in the UI language', () => {
  it('money, numbers and dates follow German when the browser is German', () => {
    installI18n('de');
    expect(spaced(formatMoney(123456, 'EUR'))).toBe('1.234,56 €');
    expect(spaced(formatMoney(500, 'JPY'))).toBe('500 ¥');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatDate('2026-12-02T10:00:00Z')).toBe('2. Dez. 2026');
  });

  it('and English when it is English', () => {
    installI18n('en');
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatDate('2026-12-02T10:00:00Z')).toBe('Dec 2, 2026');
  });

  it('a UI language Chrome spells with an underscore still works', () => {
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: () => '', getUILanguage: () => 'pt_BR' } };
    expect(uiLocale()).toBe('pt-BR');
  });

  it('follows the language the messages are written in when Chrome reports another UI language', () => {
    // headless Chromium with --lang=de: German messages, getUILanguage() "en-US"
    const messages: Record<string, string> = { messagesLocale: 'de' };
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: (k: string) => messages[k] ?? '', getUILanguage: () => 'en-US' } };
    expect(uiLocale()).toBe('de');
    (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: (k: string) => messages[k] ?? '', getUILanguage: () => 'de-AT' } };
    expect(uiLocale()).toBe('de-AT');
  });
});
