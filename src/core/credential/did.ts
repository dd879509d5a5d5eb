// Verification methods: did:key (the key is in the identifier, resolved here), did:web (the
// vendor publishes /.well-known/did.json; offline verifiers are handed the key) and a vendor's
// own `<id>#<key id>` (the key comes from `GET /v1/vendor`). Nothing here fetches.
import { multikeyOfJwk, publicKeyBytesOfJwk, KeyFormatError } from './ed25519';
import { decodeEd25519Multikey } from './multibase';

export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

export const isDid = (id: string): boolean => /^did:[a-z0-9]+:./.test(id);

/** `did:key:z6Mk…` for an Ed25519 Multikey. */
export const didKeyOf = (publicKeyMultibase: string): string => `did:key:${publicKeyMultibase}`;

/** The verification method a did:key credential names: `did:key:z6Mk…#z6Mk…`. */
export const didKeyVerificationMethod = (publicKeyMultibase: string): string => `${didKeyOf(publicKeyMultibase)}#${publicKeyMultibase}`;

/**
 * The did:web of an origin (and optional path): "https://acme.example:8443" → "did:web:acme.example%3A8443",
 * "https://acme.example/vendors/a" → "did:web:acme.example:vendors:a" (W3C CCG did:web method).
 */
export function didWebOf(url: string | URL): string {
  const u = new URL(url);
  const host = u.port ? `${u.hostname}%3A${u.port}` : u.hostname;
  const path = u.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

/** Where a did:web's DID document is served: the origin's /.well-known/did.json, or <path>/did.json. */
export function didWebDocumentUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new KeyFormatError(`"${did}" is not a did:web`);
  const [host, ...path] = did.slice('did:web:'.length).split(':');
  const origin = `https://${decodeURIComponent(host!)}`;
  return path.length === 0 ? `${origin}/.well-known/did.json` : `${origin}/${path.map(decodeURIComponent).join('/')}/did.json`;
}

/** The verification method id a did:web issuer signs with: the key's Multikey as the fragment, as did:key does. */
export const didWebVerificationMethod = (did: string, publicKeyMultibase: string): string => `${did}#${publicKeyMultibase}`;

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }[];
  assertionMethod: string[];
}

/** The DID document to serve at didWebDocumentUrl(did): one Multikey, for assertions (signing credentials). */
export function didDocument(did: string, publicKeyMultibase: string): DidDocument {
  const id = didWebVerificationMethod(did, publicKeyMultibase);
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase }],
    assertionMethod: [id],
  };
}

// --- a key handed in by the caller -----------------------------------------------------------

/** A key the caller trusts: its bytes, and when it came as a DID document, which method ids it asserts with. */
export interface SuppliedKey {
  publicKey: Uint8Array;
  multikey: string;
  /** Present when the key came from a DID document: its id and the method ids allowed to sign credentials. */
  document?: { id: string; assertionMethods: ReadonlyMap<string, string> };
}

/** did:key, Multikey, an Ed25519 public JWK, or a DID document. */
export type KeyInput = string | object;

const fromMultikey = (multikey: string): SuppliedKey | null => {
  const publicKey = decodeEd25519Multikey(multikey);
  return publicKey ? { publicKey, multikey } : null;
};

function fromDidDocument(doc: Record<string, unknown>): SuppliedKey {
  const id = doc.id;
  if (typeof id !== 'string' || !isDid(id)) throw new KeyFormatError('The DID document has no DID as its id');
  const methods = Array.isArray(doc.verificationMethod) ? (doc.verificationMethod as unknown[]) : [];
  const allowed = new Set((Array.isArray(doc.assertionMethod) ? (doc.assertionMethod as unknown[]) : []).filter((m): m is string => typeof m === 'string'));
  const assertionMethods = new Map<string, string>();
  for (const method of methods) {
    if (typeof method !== 'object' || method === null) continue;
    const m = method as Record<string, unknown>;
    const methodId = typeof m.id === 'string' && m.id.startsWith('#') ? `${id}${m.id}` : m.id;
    const listed = typeof methodId === 'string' && (allowed.has(methodId) || allowed.has(methodId.slice(id.length)));
    if (!listed || typeof m.publicKeyMultibase !== 'string' || !decodeEd25519Multikey(m.publicKeyMultibase)) continue;
    assertionMethods.set(methodId, m.publicKeyMultibase);
  }
  const first = [...assertionMethods.values()][0];
  if (!first) throw new KeyFormatError(`The DID document of ${id} lists no Ed25519 Multikey under assertionMethod`);
  return { ...fromMultikey(first)!, document: { id, assertionMethods } };
}

/**
 * A key from what a person or a vendor hands over: `did:key:z6Mk…`, a Multikey `z6Mk…`, an Ed25519
 * public JWK, or a DID document. Throws KeyFormatError saying what it is not.
 */
export function parseKeyInput(key: KeyInput): SuppliedKey {
  const input = key as Record<string, unknown>;
  if (typeof key === 'string') {
    const text = key.trim();
    const multikey = text.startsWith('did:key:') ? text.slice('did:key:'.length).split('#')[0]! : text;
    const parsed = fromMultikey(multikey);
    if (!parsed) throw new KeyFormatError(`"${text.slice(0, 80)}" is not an Ed25519 did:key or Multikey (z6Mk…)`);
    return parsed;
  }
  if ('kty' in input) return { publicKey: publicKeyBytesOfJwk(input), multikey: multikeyOfJwk(input) };
  if ('verificationMethod' in input || 'assertionMethod' in input) return fromDidDocument(input);
  throw new KeyFormatError('The key is neither a did:key, a Multikey, an Ed25519 JWK nor a DID document');
}

// --- resolving a proof's verification method ---------------------------------------------------

export type Resolution =
  | { ok: true; publicKey: Uint8Array; multikey: string; controller: string }
  | { ok: false; code: 'wrong-key' | 'key-unavailable' | 'malformed'; reason: string };

const short = (key: string) => (key.length > 24 ? `${key.slice(0, 16)}…${key.slice(-6)}` : key);

/** The public key behind `verificationMethod`, checked against the key the caller supplied, if any. */
export function resolveVerificationMethod(method: string, supplied?: SuppliedKey): Resolution {
  const hash = method.indexOf('#');
  const controller = hash < 0 ? method : method.slice(0, hash);
  const fragment = hash < 0 ? '' : method.slice(hash + 1);

  if (controller.startsWith('did:key:')) {
    const multikey = controller.slice('did:key:'.length);
    const own = fromMultikey(multikey);
    if (!own) return { ok: false, code: 'malformed', reason: `The verification method ${short(method)} is not an Ed25519 did:key` };
    if (fragment !== multikey) return { ok: false, code: 'malformed', reason: `The did:key verification method must be ${short(controller)}#${short(multikey)}` };
    if (supplied && supplied.multikey !== multikey) {
      return { ok: false, code: 'wrong-key', reason: `Signed with ${short(controller)}, not with the key given (${short(supplied.multikey)})` };
    }
    return { ok: true, ...own, controller };
  }

  if (!supplied) {
    const where = controller.startsWith('did:web:') ? ` (published at ${didWebDocumentUrl(controller)})` : '';
    return { ok: false, code: 'key-unavailable', reason: `The credential is signed with ${short(method)}: give that key to verify it offline${where}` };
  }
  if (supplied.document) {
    if (supplied.document.id !== controller) {
      return { ok: false, code: 'wrong-key', reason: `Signed with a key of ${controller}, but the DID document given is ${supplied.document.id}'s` };
    }
    const multikey = supplied.document.assertionMethods.get(method);
    if (!multikey) return { ok: false, code: 'wrong-key', reason: `The DID document of ${controller} does not list ${short(method)} for assertions` };
    return { ok: true, ...fromMultikey(multikey)!, controller };
  }
  // A method id that spells its key (as ours do) must spell the key given.
  if (decodeEd25519Multikey(fragment) && fragment !== supplied.multikey) {
    return { ok: false, code: 'wrong-key', reason: `Signed with key ${short(fragment)}, not with the key given (${short(supplied.multikey)})` };
  }
  return { ok: true, publicKey: supplied.publicKey, multikey: supplied.multikey, controller };
}
