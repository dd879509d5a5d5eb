import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { DealSchema, ReferralInputError, newDeal, type DealRequest as DealInput } from '../../../src/core/referral';
import { normaliseDomain } from '../../../src/core/schema';

const now = new Date('2026-05-04T10:00:00Z');
const input: DealInput = { vendorId: 'acme-db', productId: 'mysql', customerName: '  Globex Corp ', customerDomain: 'https://WWW.Globex.example/about' };

describe('newDeal', () => {
  it('normalises and stamps a deal', () => {
    const deal = newDeal({ ...input, expectedSeats: 40, note: ' renewal in Q3 ' }, { now });
    expect(v.is(DealSchema, deal)).toBe(true);
    expect(deal).toMatchObject({
      vendorId: 'acme-db',
      productId: 'mysql',
      customerName: 'Globex Corp',
      customerDomain: 'globex.example',
      expectedSeats: 40,
      note: 'renewal in Q3',
      createdAt: '2026-05-04T10:00:00.000Z',
    });
    expect('note' in newDeal({ ...input, note: '  ' }, { now })).toBe(false);
  });

  it.each([
    ['an empty customer name', { ...input, customerName: '  ' }, /customer name must not be empty/],
    ['a non-domain', { ...input, customerDomain: 'globex' }, /customer domain must be a domain name/],
    ['an IP address', { ...input, customerDomain: '10.0.0.1' }, /customer domain/],
    ['zero seats', { ...input, expectedSeats: 0 }, /whole number from 1/],
    ['fractional seats', { ...input, expectedSeats: 2.5 }, /whole number/],
    ['an overlong note', { ...input, note: 'x'.repeat(1001) }, /note is longer than 1000/],
    ['a bad product id', { ...input, productId: 'My SQL' }, /productId/],
  ])('refuses %s', (_what, bad, message) => {
    expect(() => newDeal(bad as DealInput, { now })).toThrow(ReferralInputError);
    expect(() => newDeal(bad as DealInput, { now })).toThrow(message);
  });
});

describe('normaliseDomain', () => {
  it.each([
    ['globex.example', 'globex.example'],
    ['  GLOBEX.Example. ', 'globex.example'],
    ['https://www.globex.co.uk:8443/path?q#f', 'globex.co.uk'],
    ['bob@globex.example', 'globex.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['shop.xn--p1ai', 'shop.xn--p1ai'],
  ])('%s → %s', (text, expected) => expect(normaliseDomain(text)).toBe(expected));

  it.each(['', 'localhost', 'globex', '192.168.1.1', 'globex..example', '-globex.example', 'globex.example/x y', 'glo bex.example', 'globex.c0m', 'a_b.example'])(
    'refuses %j',
    (text) => expect(normaliseDomain(text)).toBeNull(),
  );
});
