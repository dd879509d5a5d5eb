// Hostile input for the trust tests (test/unit/trust, test/endpoint/trust): the values an attacker
// sends instead of what a schema expects. Shared so the extension and the endpoint face the same
// catalogue of tricks.
import fc from 'fast-check';

/** Keys that reach Object.prototype or a constructor when code copies objects carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'] as const;

/** Addresses a worker or a server must never fetch or redirect to because a request named them. */
export const HOSTILE_URLS = [
  'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'http://127.0.0.1:22/',
  'http://localhost:8787/v1/admin/dashboard',
  'file:///etc/passwd',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'chrome-extension://abcdefghijklmnopabcdefghijklmnop/src/options/index.html',
  'https://vendor.test.evil.example/v1/enrol',
  'https://vendor.test@evil.example/',
  'https://evil.example/?next=https://vendor.test/',
  '//evil.example/',
  '/\\evil.example',
  'https:evil.example',
  'https://evil.example%2F@vendor.test/',
  'https://xn--vndor-test-ifb.example/',
  'HTTPS://EVIL.EXAMPLE/',
  ' https://evil.example/',
  'https://evil.example/\u0000',
] as const;

/** Other vendors' ids and ids that collide with object machinery. */
export const HOSTILE_IDS = ['other-vendor', 'demo-db', 'acme', 'Acme', 'acme ', '../acme', 'acme/../../x', '*', '%', "' or 1=1 --", '00000000-0000-4000-8000-000000000000', ...PROTOTYPE_KEYS] as const;

/** Markup and script an attacker hopes someone renders. */
export const MARKUP = ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '</textarea><svg onload=alert(1)>', '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', '\u202eevil'] as const;

export const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'A'.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_URLS, ...HOSTILE_IDS, ...MARKUP, '', ' ', '\n', '\u0000', 'NaN', 'null', 'undefined', '[object Object]'), weight: 4 },
  { arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }), weight: 2 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 1e308, -1, 2 ** 32, 0.5),
  fc.integer(),
  fc.double(),
);

/** A value nested `depth` levels deep, alternating arrays and objects. */
export function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** An object whose own keys are the prototype keys (as JSON.parse makes them: `__proto__` is an own key). */
export function pollutingObject(inner: unknown = { polluted: true }): Record<string, unknown> {
  return PROTOTYPE_KEYS.reduce((o, k) => withOwnKey(o, k, inner), {} as Record<string, unknown>);
}

export function cyclic(): Record<string, unknown> {
  const a: Record<string, unknown> = { name: 'loop' };
  a.self = a;
  a.list = [a];
  return a;
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.constant(new Uint8Array(8)),
);

/**
 * Anything a hostile sender may put in a message: wrong types, huge strings and arrays, deep
 * nesting, prototype-pollution keys, cycles, and the types structured clone carries (Firefox
 * delivers BigInt, Map, Set, Date and cycles to the worker; Chrome delivers JSON).
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(tie('value'), { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.dictionary(fc.oneof(hostileString, fc.constantFrom(...PROTOTYPE_KEYS)), tie('value'), { maxKeys: 5 }), weight: 2 },
    { arbitrary: fc.integer({ min: 100, max: 20_000 }).map((d) => nested(d)), weight: 1 },
    { arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => new Array(n).fill('x')), weight: 1 },
    { arbitrary: tie('value').map((v) => pollutingObject(v)), weight: 1 },
    { arbitrary: fc.constant(null).map(() => cyclic()), weight: 1 },
    { arbitrary: fc.tuple(tie('value'), tie('value')).map(([k, v]) => new Map([[k, v]])), weight: 1 },
    { arbitrary: tie('value').map((v) => new Set([v])), weight: 1 },
  ),
})).value;

/** A hostile variant of a valid object: one field replaced, dropped or added, or the whole thing replaced. */
export function mutated(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(sample);
  const replaceOne = keys.length === 0 ? fc.constant(sample) : fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...sample, [k]: v }));
  const dropOne = keys.length === 0 ? fc.constant(sample) : fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(sample).filter(([key]) => key !== k)));
  const addOne = fc.tuple(fc.oneof(hostileString, fc.constantFrom(...PROTOTYPE_KEYS)), hostileValue).map(([k, v]) => withOwnKey({ ...sample }, k, v));
  const polluted = fc.constant(null).map(() => Object.entries(sample).reduce((o, [k, v]) => withOwnKey(o, k, v), pollutingObject()));
  const stringsEverywhere = fc.constantFrom(...HOSTILE_URLS, ...HOSTILE_IDS, ...MARKUP).map((s) => Object.fromEntries(keys.map((k) => [k, typeof sample[k] === 'string' ? s : sample[k]])));
  return fc.oneof(replaceOne, replaceOne, dropOne, addOne, polluted, stringsEverywhere, fc.constant(sample), hostileValue);
}

/** Adds `key` as an own, enumerable property, even `__proto__` (plain assignment would set the prototype). */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Own keys of the shared prototypes, to prove no message added one. */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).join('|');
}
