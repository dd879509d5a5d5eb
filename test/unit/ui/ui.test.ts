import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/core/referral/channels';
import { defaultChannel, productsFromHits, productsFromMatch, recommendableOffers } from '../../../src/popup/model';
import { credentialFor } from '../../../src/ui/credentials';
import { formatMoney } from '../../../src/ui/format';
import { t, tn } from '../../../src/ui/i18n';
import { qrPath } from '../../../src/ui/QrCode';
import { credential, vendor, WIDGETDB_MATCH, WIDGETDB_WITH_UNPAID } from './fixtures';
import { en, installI18n, MESSAGES, removeI18n } from './harness';

const SRC = resolve(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('i18n', () => {
  afterEach(removeI18n);

  it('falls back to the key outside an extension', () => {
    expect(t('noMatch')).toBe('noMatch');
    expect(t('enrolDone', 'Acme', 'Ada')).toBe('enrolDone(Acme, Ada)');
  });

  it('reads the extension messages with substitutions', () => {
    installI18n();
    expect(t('enrolDone', 'Acme', 'Ada')).toBe('Enrolled with Acme as Ada.');
    expect(tn('unsyncedCount', 3)).toBe('3 items not yet accepted by their vendor.');
    expect(tn('unsyncedCount', 1)).toBe('1 item not yet accepted by its vendor.');
  });

  it('every message the pages use exists in English, and the manifest keys are kept', () => {
    const code = ['popup', 'options', 'ui'].flatMap((dir) => sources(join(SRC, dir))).join('\n');
    // t('key' …) and the keys of t(cond ? 'a' : 'b')
    const calls = [...code.matchAll(/\bt\(([^()]*?)[,)]/g)].map((m) => m[1]!);
    const literal = calls.flatMap((arg) => [...arg.matchAll(/'([A-Za-z_]+)'(?!\s*\?)/g)].map((m) => m[1]!));
    const families = [
      ...CHANNELS.map((c) => `channel_${c.replace(/-/g, '_')}`),
      ...['valid', 'expired', 'not_yet_valid', 'revoked', 'forged', 'wrong_issuer', 'malformed'].map((s) => `credState_${s}`),
      ...['project', 'forum', 'other'].map((s) => `pageType_${s}`),
      ...['pending', 'synced', 'parked'].map((s) => `sync_${s}`),
      ...['ok', 'backoff', 'reenrol', 'gone'].map((s) => `syncStatus_${s}`),
      ...['markdown', 'text', 'html'].map((s) => `copied_${s}`),
    ];
    // tn('key', n) reads key_one and key_other (other plural categories fall back to _other)
    const counted = [...code.matchAll(/\btn\('([A-Za-z_]+)'/g)].flatMap((m) => [`${m[1]}_one`, `${m[1]}_other`]);
    expect(counted.length).toBeGreaterThan(4);
    literal.push(...counted);
    expect(literal.length).toBeGreaterThan(100);
    const missing = [...new Set([...literal, ...families])].filter((key) => !MESSAGES[key]);
    expect(missing).toEqual([]);
    for (const key of ['extensionName', 'extensionDescription', 'actionTitle', 'openPopupCommand']) expect(MESSAGES[key]?.message).toBeTruthy();
  });

  it('every placeholder in a message is declared', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      for (const [, name] of entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)) {
        expect(entry.placeholders?.[name!.toLowerCase()], `${key}: $${name}$`).toBeDefined();
      }
    }
    expect(en('referralStats', 1, 2, '$3.00')).toBe('Clicks: 1 · Conversions: 2 · $3.00');
  });
});

describe('popup model', () => {
  it('groups offers by vendor and keeps only enrolled vendors recommendable', () => {
    const products = productsFromMatch(WIDGETDB_MATCH, new Set(['acme']));
    // enrolled first, then vendors running a programme, then those running none
    expect(products[0]!.vendors.map((v) => [v.vendorId, v.enrolled, v.programme])).toEqual([
      ['acme', true, true],
      ['initech', false, true],
      ['globex', false, false],
    ]);
    expect(recommendableOffers(products).map((o) => o.offer.id)).toEqual(['enterprise']);
  });

  it('puts offers of enrolled vendors before the others, and products with one before products without', () => {
    const other = { ...WIDGETDB_MATCH.products[0]!, productId: 'gadgetdb', name: 'GadgetDB', offers: [WIDGETDB_WITH_UNPAID.products[0]!.offers[0]!] };
    const products = productsFromMatch({ ...WIDGETDB_WITH_UNPAID, products: [other, ...WIDGETDB_WITH_UNPAID.products] }, new Set(['globex']));
    expect(products.map((p) => p.productId)).toEqual(['widgetdb', 'gadgetdb']);
    expect(products[0]!.vendors.map((v) => v.vendorId)).toEqual(['globex', 'initech', 'hooli', 'acme']);
  });

  it('merges search hits for the same product from several vendors', () => {
    const hit = (vendorId: string, enrolled: boolean) => ({
      vendorId,
      vendorName: vendorId,
      productId: 'widgetdb',
      productName: 'WidgetDB',
      description: 'd',
      enrolled,
      offers: [{ id: 'o', name: 'O', url: 'https://x.example', adds: 'a' }],
    });
    const products = productsFromHits([hit('acme', true), hit('globex', false)], new Set());
    expect(products).toHaveLength(1);
    expect(recommendableOffers(products).map((o) => o.vendorId)).toEqual(['acme']);
  });

  it.each([
    ['forum', 'https://discuss.example.org/t/slow-queries/123', 'forum-answer'],
    ['project', 'https://github.com/acme/widgetdb/issues/12', 'issue-comment'],
    ['project', 'https://github.com/acme/widgetdb/pull/3', 'issue-comment'],
    ['forum', 'https://gitlab.com/acme/widgetdb/-/issues/9', 'issue-comment'],
    ['project', 'https://github.com/acme/widgetdb/discussions/5', 'forum-answer'],
    ['project', 'https://github.com/acme/widgetdb', 'other'],
    [undefined, undefined, 'other'],
  ] as const)('%s page %s → %s', (pageType, url, channel) => {
    expect(defaultChannel(pageType, url)).toBe(channel);
  });
});

describe('credentials', () => {
  it('prefers a valid credential for the product over an expired or forged one', () => {
    const v = vendor('acme', 'Acme', [credential('forged'), credential('expired'), credential('valid'), credential('valid', 'other')]);
    expect(credentialFor(v, 'widgetdb')?.state).toBe('valid');
    expect(credentialFor(vendor('acme', 'Acme', [credential('revoked'), credential('expired')]), 'widgetdb')?.state).toBe('expired');
    expect(credentialFor(v, 'nothing')).toBeUndefined();
  });
});

describe('display helpers', () => {
  it('formats minor units by the currency', () => {
    expect(formatMoney(1999, 'USD')).toMatch(/19\.99/);
    expect(formatMoney(1999, 'JPY')).toMatch(/1,999/);
    expect(formatMoney(5, undefined)).toBe('5');
  });

  it('draws one unit square per dark QR module', () => {
    expect(qrPath([[true, false], [false, true]])).toBe('M0 0h1v1h-1zM1 1h1v1h-1z');
  });
});

describe('chart axis', () => {
  it('starts at 0 and ends at a round value at or above the largest', async () => {
    const { axisTicks } = await import('../../../src/ui/BarChart');
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(3)).toEqual([0, 5]); // no 2.5 tick for counts
    expect(axisTicks(12)).toEqual([0, 10, 20]);
    expect(axisTicks(100)).toEqual([0, 50, 100]);
    expect(axisTicks(101)).toEqual([0, 100, 200]);
    expect(axisTicks(4200)).toEqual([0, 2500, 5000]);
  });
});
