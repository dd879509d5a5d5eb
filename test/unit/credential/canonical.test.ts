import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalize } from '../../../src/core/credential';
import { vectors } from './w3c-vectors';

const fromBits = (hex: string) => new DataView(Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16))).buffer).getFloat64(0);

describe('canonicalize (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example (numbers, strings, literals)', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compare the text: JSON.parse would move the integer-like key "1" to the front again.
    const expected = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(input[k as keyof typeof input])}`)
      .join(',');
    expect(canonicalize(input)).toBe(`{${expected}}`);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE 754 value %s as %s (RFC 8785 appendix B)', (bits, expected) => {
    expect(canonicalize(fromBits(bits))).toBe(expected);
  });

  it('nests, drops whitespace and escapes control characters in lower-case hex', () => {
    expect(canonicalize({ b: [1, { d: 'x', c: '\u0001' }], a: { z: null } })).toBe('{"a":{"z":null},"b":[1,{"c":"\\u0001","d":"x"}]}');
  });

  it.each([
    ['undefined member', { a: undefined }, '$.a'],
    ['function', { f: () => 1 }, '$.f'],
    ['NaN', { n: Number.NaN }, '$.n'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '$[1]'],
    ['bigint', { n: 1n }, '$.n'],
    ['Date', { d: new Date(0) }, '$.d'],
    ['Map', { m: new Map() }, '$.m'],
    ['sparse array', { a: [1, , 3] }, '$.a[1]'],
    ['lone surrogate', { s: 'a\ud800b' }, '$.s'],
  ])('refuses a %s with a clear error naming where it is', (_what, value, path) => {
    let error: unknown;
    try {
      canonicalize(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).path).toBe(path);
    expect((error as Error).message).toMatch(/not a JSON|not JSON|surrogate/);
  });

  it('refuses top-level undefined and cycles', () => {
    expect(() => canonicalize(undefined)).toThrow(/\$: undefined is not a JSON value/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/circular/);
  });

  it('refuses nesting deeper than it can walk with a clear error, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => canonicalize(deep)).toThrow(CanonicalJsonError);
    expect(() => canonicalize(deep)).toThrow(/nested deeper than 500 levels/);
  });

  it('gives the W3C eddsa-jcs-2022 vectors their canonical forms', () => {
    const v = vectors();
    expect(canonicalize(v.unsigned)).toBe(v.canonicalDocument);
    expect(canonicalize(v.proofConfig)).toBe(v.canonicalProofConfig);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
