// Verification methods and keys: did:key resolved locally, did:web names, DID documents, and
// the keys a person hands over (did:key, Multikey, JWK, DID document).
import { describe, expect, it } from 'vitest';
import {
  KeyFormatError,
  decodeBase58btc,
  decodeEd25519Multikey,
  didDocument,
  didKeyOf,
  didKeyVerificationMethod,
  didWebDocumentUrl,
  didWebOf,
  didWebVerificationMethod,
  encodeBase58btc,
  encodeEd25519Multikey,
  jwkOfPublicKey,
  multikeyOfJwk,
  parseKeyInput,
  resolveVerificationMethod,
} from '../../../src/core/credential';
import { vectors } from './w3c-vectors';

const { publicKeyMultibase: MK } = vectors().keyPair;
const OTHER = encodeEd25519Multikey(new Uint8Array(32).fill(7));

describe('Multikey', () => {
  it('round-trips the W3C key through raw bytes, and refuses other codecs and lengths', () => {
    const raw = decodeEd25519Multikey(MK)!;
    expect(raw).toHaveLength(32);
    expect(encodeEd25519Multikey(raw)).toBe(MK);
    expect(multikeyOfJwk(jwkOfPublicKey(raw))).toBe(MK);
    const bytes = decodeBase58btc(MK)!;
    expect(decodeEd25519Multikey(encodeBase58btc(Uint8Array.from([0xec, 0x01, ...bytes.slice(2)])))).toBeNull(); // x25519-pub
    expect(decodeEd25519Multikey(encodeBase58btc(bytes.slice(0, 33)))).toBeNull();
    expect(decodeEd25519Multikey(`u${MK.slice(1)}`)).toBeNull();
    expect(decodeBase58btc('z0OIl')).toBeNull(); // not in the base58btc alphabet
  });
});

describe('did:web', () => {
  it('names an origin, a port and a path as the did:web method says', () => {
    expect(didWebOf('https://vendor.example')).toBe('did:web:vendor.example');
    expect(didWebOf('https://Vendor.Example:8443/')).toBe('did:web:vendor.example%3A8443');
    expect(didWebOf('https://vendor.example/tenants/acme')).toBe('did:web:vendor.example:tenants:acme');
    expect(didWebDocumentUrl('did:web:vendor.example')).toBe('https://vendor.example/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:vendor.example%3A8443')).toBe('https://vendor.example:8443/.well-known/did.json');
    expect(didWebDocumentUrl('did:web:vendor.example:tenants:acme')).toBe('https://vendor.example/tenants/acme/did.json');
  });

  it('publishes a DID document whose one Multikey asserts credentials', () => {
    const did = didWebOf('https://vendor.example');
    expect(didDocument(did, MK)).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#${MK}`, type: 'Multikey', controller: did, publicKeyMultibase: MK }],
      assertionMethod: [`${did}#${MK}`],
    });
  });
});

describe('parseKeyInput', () => {
  it('accepts a did:key, a Multikey, a JWK and a DID document for the same key', () => {
    const jwk = jwkOfPublicKey(decodeEd25519Multikey(MK)!);
    const doc = didDocument('did:web:vendor.example', MK);
    for (const input of [didKeyOf(MK), didKeyVerificationMethod(MK), ` ${MK} `, { ...jwk, alg: 'EdDSA' }, doc]) {
      expect(parseKeyInput(input).multikey).toBe(MK);
    }
  });

  it('refuses what is not an Ed25519 key, saying so', () => {
    expect(() => parseKeyInput('did:web:vendor.example')).toThrow(KeyFormatError);
    expect(() => parseKeyInput({ kty: 'OKP', crv: 'X25519', x: 'AAAA' })).toThrow(/crv/);
    expect(() => parseKeyInput({ id: 'did:web:vendor.example', verificationMethod: [], assertionMethod: [] })).toThrow(/no Ed25519 Multikey under assertionMethod/);
    expect(() => parseKeyInput({ hello: 'world' })).toThrow(/neither/);
  });
});

describe('resolveVerificationMethod', () => {
  it('resolves a did:key locally, and insists on a key given', () => {
    expect(resolveVerificationMethod(didKeyVerificationMethod(MK))).toMatchObject({ ok: true, multikey: MK, controller: didKeyOf(MK) });
    expect(resolveVerificationMethod(didKeyVerificationMethod(MK), parseKeyInput(OTHER))).toMatchObject({ ok: false, code: 'wrong-key' });
    expect(resolveVerificationMethod(`${didKeyOf(MK)}#key-1`)).toMatchObject({ ok: false, code: 'malformed' });
    expect(resolveVerificationMethod('did:key:z6MkNotAKey#z6MkNotAKey')).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('needs the key for did:web and vendor keys, and checks a key spelled in the method id', () => {
    const did = didWebOf('https://vendor.example');
    const method = didWebVerificationMethod(did, MK);
    expect(resolveVerificationMethod(method)).toMatchObject({ ok: false, code: 'key-unavailable', reason: expect.stringContaining('/.well-known/did.json') });
    expect(resolveVerificationMethod(method, parseKeyInput(MK))).toMatchObject({ ok: true, controller: did });
    expect(resolveVerificationMethod(method, parseKeyInput(OTHER))).toMatchObject({ ok: false, code: 'wrong-key' });
    expect(resolveVerificationMethod(method, parseKeyInput(didDocument(did, MK)))).toMatchObject({ ok: true, multikey: MK });
    expect(resolveVerificationMethod(`${did}#key-2`, parseKeyInput(didDocument(did, MK)))).toMatchObject({ ok: false, code: 'wrong-key', reason: expect.stringMatching(/does not list/) });
    expect(resolveVerificationMethod('acme#thumbprint', parseKeyInput(OTHER))).toMatchObject({ ok: true, multikey: OTHER, controller: 'acme' });
  });
});
