import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { cleanText, domainName, instant, normaliseDomain, parseEndpointUrl, parseInstant, requiredText } from '../../../src/core/schema';

describe('instants', () => {
  it('normalise offsets and fractions to canonical UTC', () => {
    expect(v.parse(instant(), '2026-03-01T10:30:00+01:00')).toBe('2026-03-01T09:30:00.000Z');
    expect(v.parse(instant(), '2026-03-01T10:00:00.123456Z')).toBe('2026-03-01T10:00:00.123Z');
    expect(v.parse(instant(), '2026-03-01t10:00:00z')).toBe('2026-03-01T10:00:00.000Z');
  });

  it('an order at 10:30+01:00 is before a click at 10:00Z', () => {
    expect(parseInstant('2026-03-01T10:30:00+01:00')!).toBeLessThan(parseInstant('2026-03-01T10:00:00Z')!);
  });

  it.each(['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00', '2026-03-01', 'yesterday', '2026-03-01T10:00:00+25:00'])(
    'refuses %s',
    (text) => {
      expect(parseInstant(text)).toBeNull();
      expect(v.safeParse(instant('createdAt'), text).issues?.[0]?.message).toMatch(/createdAt must be an ISO 8601 date-time/);
    },
  );
});

describe('domain names', () => {
  it('normalise what a person pastes', () => {
    expect(normaliseDomain('https://WWW.Acme.example/pricing')).toBe('acme.example');
    expect(normaliseDomain('bob@acme.example')).toBe('acme.example');
    expect(normaliseDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(v.parse(domainName('customer domain'), 'Acme.Example.')).toBe('acme.example');
  });

  it.each(['', 'localhost', 'acme', 'a b.example', '-acme.example', 'acme.123'])('refuses %j', (text) => {
    expect(normaliseDomain(text)).toBeNull();
  });
});

describe('text', () => {
  it('is NFC, without controls or bidi overrides, trimmed', () => {
    expect(cleanText(' Cafe\u0301 ')).toBe('Café');
    expect(cleanText('Acme\u202eliam.exe')).toBe('Acmeliam.exe');
    expect(cleanText('a\u0000b\u0007c')).toBe('abc');
    expect(v.safeParse(requiredText('name', 5), '\u202e  ').issues?.[0]?.message).toBe('name must not be empty');
    expect(v.safeParse(requiredText('name', 5), 'abcdef').issues?.[0]?.message).toBe('name is longer than 5 characters');
  });
});

describe('endpoint URLs', () => {
  it('give one base whatever the practitioner typed', () => {
    for (const typed of ['https://advocate.vendor.example', 'https://advocate.vendor.example/', 'https://advocate.vendor.example/v1', ' https://advocate.vendor.example/v1/ ']) {
      expect(parseEndpointUrl(typed)).toMatchObject({ ok: true, base: 'https://advocate.vendor.example', permissionPattern: 'https://advocate.vendor.example/*' });
    }
    expect(parseEndpointUrl('http://127.0.0.1:8787/v1')).toMatchObject({ ok: true, base: 'http://127.0.0.1:8787', permissionPattern: 'http://127.0.0.1/*' });
  });

  it.each([
    ['not a url', 'malformed'],
    ['ftp://vendor.example', 'malformed'],
    ['http://vendor.example', 'insecure'],
    ['https://me:pw@vendor.example', 'credentials'],
    ['https://vendor.example/?x=1', 'query'],
  ])('refuses %s (%s)', (typed, reason) => {
    expect(parseEndpointUrl(typed)).toMatchObject({ ok: false, reason });
  });
});
