// The starter review: what the build, the tests and `npm run catalog -- check` refuse or list.
import { describe, expect, test } from 'vitest';
import { reviewStarter, type StarterFile } from '../../../src/core/catalog/review';

const NOW = new Date('2026-12-01T12:00:00Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function vendorFile(id: string, productPatch: Loose = {}): Loose {
  return {
    id,
    name: `${id} Inc.`,
    homepage: `https://${id}.example.com`,
    referral: { linkStyle: 'offer-param' },
    currency: 'USD',
    products: [
      {
        id: 'dbx',
        name: 'DBX',
        description: 'A database.',
        source: 'https://github.com/dbx/dbx',
        checked: '2026-11-01',
        signals: { repositories: ['https://github.com/dbx/dbx'], images: ['_/dbx'] },
        offers: [
          {
            id: 'pro',
            name: 'DBX Pro',
            url: `https://${id}.example.com/pro`,
            adds: 'Adds 24x7 support.',
            source: `https://${id}.example.com/pro`,
            checked: '2026-11-01',
            commission: { kind: 'percent', value: 10, period: 'first-year' },
          },
        ],
        ...productPatch,
      },
    ],
  };
}

const files = (...vendors: Loose[]): StarterFile[] => vendors.map((vendor) => ({ file: `${vendor.id}.json`, vendor }));
const review = (...vendors: Loose[]) => reviewStarter(files(...vendors), NOW);

test('a well-formed file passes with nothing to list, and yields the catalog', () => {
  const r = review(vendorFile('acme'));
  expect(r).toMatchObject({ errors: [], stale: [], unverified: [] });
  expect(r.catalog?.vendors.map((v) => v.id)).toEqual(['acme']);
});

describe('errors name the file, the product and the field', () => {
  test('a schema error in the second file points inside that file', () => {
    const bad = vendorFile('beta');
    bad.products[0].offers[0].url = 'http://beta.example.com/pro';
    expect(review(vendorFile('acme'), bad).errors).toEqual([
      { file: 'beta.json', vendorId: 'beta', productId: 'dbx', field: 'products[0].offers[0].url', message: 'offer url must be an https URL' },
    ]);
  });

  test('every problem is listed, not only the first', () => {
    const bad = vendorFile('acme');
    bad.products[0].offers[0].adds = '';
    bad.products[0].checked = '2026-02-30';
    bad.homepage = 'ftp://acme.example.com';
    const fields = review(bad).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['homepage', 'products[0].checked', 'products[0].offers[0].adds']);
  });

  test('a product or an "adds" sentence without its source or date', () => {
    const bad = vendorFile('acme');
    delete bad.products[0].source;
    delete bad.products[0].offers[0].checked;
    expect(review(bad).errors.map((e) => [e.field, e.message])).toEqual([
      ['products[0].source', 'the product needs "source": the public page that supports it'],
      ['products[0].offers[0].checked', 'the "adds" sentence of offer "pro" needs "checked": the day it was compared with its source'],
    ]);
  });

  test('a legacy signal needs its source; a plain signal does not', () => {
    const bad = vendorFile('acme', { signals: { repositories: ['https://github.com/dbx/dbx'], images: [{ value: '_/dbx', legacy: 'No longer updated.' }] } });
    expect(review(bad).errors.map((e) => e.field)).toEqual(['products[0].signals.images[0].source', 'products[0].signals.images[0].checked']);
  });

  test('a discontinued product names its reason, source and date, and shows no offer', () => {
    const ok = vendorFile('acme', { offers: [], discontinued: { reason: 'No longer sold.', source: 'https://acme.example.com/eol', checked: '2026-11-01' } });
    expect(review(ok).errors).toEqual([]);
    const noDate = vendorFile('acme', { offers: [], discontinued: { reason: 'No longer sold.', source: 'https://acme.example.com/eol' } });
    expect(review(noDate).errors.map((e) => e.field)).toEqual(['products[0].discontinued.checked']);
  });

  test('the file is named after its vendor, which has no endpoint yet', () => {
    const v = vendorFile('acme');
    v.referral = { linkStyle: 'redirect', endpoint: 'https://advocate.acme.example.com' };
    const r = reviewStarter([{ file: 'other.json', vendor: v }], NOW);
    expect(r.errors.map((e) => [e.file, e.field])).toEqual([
      ['other.json', 'id'],
      ['other.json', 'referral'],
    ]);
  });

  test('"adds" must be one sentence that starts with "Adds"', () => {
    const bad = vendorFile('acme');
    bad.products[0].offers[0].adds = 'Great support. And more.';
    expect(review(bad).errors.map((e) => e.field)).toEqual(['products[0].offers[0].adds']);
  });

  test('a project described differently by two vendors', () => {
    const other = vendorFile('beta');
    other.products[0].signals.images = ['dbx/dbx'];
    expect(review(vendorFile('acme'), other).errors).toEqual([
      expect.objectContaining({ file: 'beta.json', productId: 'dbx', field: 'products[0].signals.images', message: expect.stringContaining('acme.json') }),
    ]);
  });

  test('a date in the future', () => {
    const bad = vendorFile('acme');
    bad.products[0].checked = '2027-01-01';
    expect(review(bad).errors.map((e) => [e.field, e.message])).toEqual([['products[0].checked', '2027-01-01 is in the future']]);
  });
});

test('claims checked over a year ago are listed as stale, written-only ones as unverified; neither is an error', () => {
  const v = vendorFile('acme');
  v.products[0].checked = '2025-11-30';
  v.products[0].offers[0].unverified = true;
  const r = review(v);
  expect(r.errors).toEqual([]);
  expect(r.stale.map((p) => p.field)).toEqual(['products[0].checked']);
  expect(r.stale[0]!.message).toMatch(/2025-11-30, over a year ago/);
  expect(r.unverified.map((p) => p.field)).toEqual(['products[0].offers[0].unverified']);
  // A year to the day is not yet stale.
  v.products[0].checked = '2025-12-02';
  expect(review(v).stale).toEqual([]);
});

test('a file must be written as the catalog reads it, since the bundle ships it as written', () => {
  const v = vendorFile('acme');
  v.products[0].offers[0].adds = 'Adds 24x7 support.\u202e';
  expect(review(v).errors).toEqual([
    { file: 'acme.json', vendorId: 'acme', field: 'products[0].offers[0].adds', message: expect.stringMatching(/as the catalog reads it/) },
  ]);
});
