// Ed25519 through WebCrypto where the runtime has it, @noble/ed25519 where it does not (Chrome
// before 137, Firefox before 129): both give the same answers, and a credential still verifies
// in a runtime whose crypto.subtle refuses Ed25519.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkCredential,
  createProof,
  decodeEd25519SecretMultikey,
  ed25519Backend,
  publicKeyOfSeed,
  signEd25519,
  verifyEd25519,
  type JsonObject,
} from '../../../src/core/credential';
import { vectors } from './w3c-vectors';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const NOW = new Date('2026-06-01T00:00:00Z');

// RFC 8032 §7.1, TEST 1 and TEST 2.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

/** A runtime like Chrome 136: crypto.subtle works, but knows no Ed25519. Counts what reached it. */
function withoutWebCryptoEd25519() {
  const real = globalThis.crypto;
  const seen = { ed25519: 0 };
  const algorithmName = (method: string, args: unknown[]) => {
    const alg = method === 'importKey' || method === 'unwrapKey' ? args[2] : method === 'exportKey' || method === 'wrapKey' ? (args[1] as CryptoKey)?.algorithm : args[0];
    return String(typeof alg === 'string' ? alg : (alg as { name?: string } | undefined)?.name ?? '').toLowerCase();
  };
  const subtle = new Proxy(real.subtle, {
    get(target, prop) {
      const member = Reflect.get(target, prop, target) as unknown;
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        if (algorithmName(String(prop), args) === 'ed25519') {
          seen.ed25519++;
          return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
        }
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  vi.stubGlobal('crypto', { subtle, getRandomValues: real.getRandomValues.bind(real), randomUUID: real.randomUUID.bind(real) });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Ed25519 backends', () => {
  it('uses WebCrypto in Node 20', async () => {
    expect(await ed25519Backend()).toBe('webcrypto');
  });

  it.each(RFC8032.map((t, i) => [i + 1, t] as const))('RFC 8032 TEST %i: both backends sign and verify it', async (_n, t) => {
    for (const simulate of [false, true]) {
      if (simulate) withoutWebCryptoEd25519();
      expect(await ed25519Backend()).toBe(simulate ? 'noble' : 'webcrypto');
      expect(Buffer.from(await signEd25519(bytes(t.seed), bytes(t.message))).toString('hex')).toBe(t.signature);
      expect(await verifyEd25519(bytes(t.publicKey), bytes(t.signature), bytes(t.message))).toBe(true);
      const wrong = bytes(t.signature);
      wrong[5]! ^= 0x10;
      expect(await verifyEd25519(bytes(t.publicKey), wrong, bytes(t.message))).toBe(false);
    }
  });

  it('both backends agree on good and altered signatures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }), fc.nat(511), async (seed, message, bit) => {
        const signature = await signEd25519(seed, message);
        const publicKey = await publicKeyOfSeed(seed);
        const altered = signature.slice();
        altered[bit >> 3]! ^= 1 << (bit & 7);
        const webcrypto = [await verifyEd25519(publicKey, signature, message), await verifyEd25519(publicKey, altered, message)];
        withoutWebCryptoEd25519();
        const noble = [await verifyEd25519(publicKey, signature, message), await verifyEd25519(publicKey, altered, message)];
        vi.unstubAllGlobals();
        expect(webcrypto).toEqual([true, false]);
        expect(noble).toEqual(webcrypto);
      }),
      { numRuns: 25 },
    );
  });

  it('answers false, never throws, for a key or signature of the wrong length', async () => {
    expect(await verifyEd25519(new Uint8Array(31), new Uint8Array(64), new Uint8Array())).toBe(false);
    expect(await verifyEd25519(new Uint8Array(32), new Uint8Array(63), new Uint8Array())).toBe(false);
  });
});

describe('a runtime without WebCrypto Ed25519', () => {
  const V = vectors();

  it('still verifies the W3C vector and refuses a tampered copy, through noble', async () => {
    const seen = withoutWebCryptoEd25519();
    expect(await ed25519Backend()).toBe('noble');
    expect(await checkCredential(V.signed, { now: NOW })).toMatchObject({ valid: true, suite: 'eddsa-jcs-2022' });
    const tampered = { ...V.signed, credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'Another School' } };
    expect(await checkCredential(tampered, { now: NOW })).toMatchObject({ valid: false, code: 'tampered' });
    expect(seen.ed25519).toBe(1); // only the probe asked WebCrypto for Ed25519
  });

  it('still signs: reproduces the W3C signature from the seed', async () => {
    withoutWebCryptoEd25519();
    const seed = decodeEd25519SecretMultikey(V.keyPair.privateKeyMultibase)!;
    const { verificationMethod, created } = V.proofConfig as { verificationMethod: string; created: string };
    const proof: JsonObject = await createProof(V.unsigned, { verificationMethod, created }, seed);
    expect(proof.proofValue).toBe(V.signatureBase58);
  });
});
