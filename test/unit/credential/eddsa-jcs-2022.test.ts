// eddsa-jcs-2022 against the W3C test vectors: every intermediate value, the signature itself,
// verification, and rejection after any change to the document or its proof.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addProof,
  canonicalize,
  checkCredential,
  createProof,
  decodeBase58btc,
  decodeEd25519Multikey,
  decodeEd25519SecretMultikey,
  encodeEd25519Multikey,
  hashForProof,
  publicKeyOfSeed,
  verifyProof,
  type JsonObject,
} from '../../../src/core/credential';
import { hex, vectors } from './w3c-vectors';

const V = vectors();
const NOW = new Date('2026-06-01T00:00:00Z');
const seed = decodeEd25519SecretMultikey(V.keyPair.privateKeyMultibase)!;
const publicKey = decodeEd25519Multikey(V.keyPair.publicKeyMultibase)!;

describe('eddsa-jcs-2022: the W3C vector, step by step', () => {
  it('decodes the vector key pair, and the seed yields the public key', async () => {
    expect(seed).toHaveLength(32);
    expect(publicKey).toHaveLength(32);
    expect(encodeEd25519Multikey(await publicKeyOfSeed(seed))).toBe(V.keyPair.publicKeyMultibase);
  });

  it('reproduces both canonical forms, both hashes and the combined hash', async () => {
    const h = await hashForProof(V.unsigned, V.proofConfig);
    expect(h.canonicalDocument).toBe(V.canonicalDocument);
    expect(h.canonicalProofConfig).toBe(V.canonicalProofConfig);
    expect(hex(h.documentHash)).toBe(V.documentHashHex);
    expect(hex(h.proofConfigHash)).toBe(V.proofHashHex);
    expect(hex(h.hashData)).toBe(V.combinedHashHex);
  });

  it('reproduces the signature and the signed credential from the unsigned document and the key', async () => {
    const { verificationMethod, created } = V.proofConfig as { verificationMethod: string; created: string };
    const proof = await createProof(V.unsigned, { verificationMethod, created }, seed);
    expect(proof.proofValue).toBe(V.signatureBase58);
    expect(hex(decodeBase58btc(proof.proofValue as string)!)).toBe(V.signatureHex);
    expect(await addProof(V.unsigned, { verificationMethod, created }, seed)).toEqual(V.signed);
  });

  it('verifies the signed vector, resolving its did:key locally', async () => {
    expect(await verifyProof(V.signed, publicKey)).toMatchObject({ verified: true, document: V.unsigned });
    const result = await checkCredential(V.signed, { now: NOW });
    expect(result).toMatchObject({
      valid: true,
      suite: 'eddsa-jcs-2022',
      issuer: { id: 'https://vc.example/issuers/5678' },
      subject: { id: 'did:example:abcdefgh' },
      validFrom: '2023-01-01T00:00:00Z',
      validUntil: null,
    });
    expect(result.code).toBeUndefined();
  });

  it('refuses a context appended after signing, which the bare algorithm would let through', async () => {
    const appended = { ...V.signed, '@context': [...(V.signed['@context'] as string[]), 'https://w3id.org/security/data-integrity/v2'] };
    expect(await checkCredential(appended, { now: NOW })).toMatchObject({ valid: false, code: 'tampered', reason: expect.stringMatching(/added after it was signed/) });
  });
});

// --- any change is caught ----------------------------------------------------------------------

type Path = (string | number)[];

/** Every node below `value`, as a path. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((x, i) => [i, x] as const) : Object.entries(value);
  return entries.flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
}

interface Mutation {
  target: number;
  kind: 'replace' | 'delete' | 'add';
  key: string;
  value: unknown;
}

function mutate(doc: JsonObject, within: Path, m: Mutation): JsonObject {
  const copy = structuredClone(doc);
  const base = within.reduce<any>((node, k) => node[k], copy);
  const paths: Path[] = [[], ...pathsOf(base)];
  const path = paths[m.target % paths.length]!;
  const parent = path.slice(0, -1).reduce<any>((node, k) => node[k], base);
  const last = path[path.length - 1];
  const node = path.length === 0 ? base : parent[last!];
  if (m.kind === 'add' || path.length === 0) {
    if (Array.isArray(node)) node.push(m.value);
    else if (typeof node === 'object' && node !== null) Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else parent[last!] = m.value;
  } else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last!];
  } else parent[last!] = m.value;
  return copy;
}

const mutation = fc.record({
  target: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('replace', 'delete', 'add'),
  key: fc.string({ minLength: 1, maxLength: 8 }),
  value: fc.jsonValue({ maxDepth: 2 }),
});

describe('eddsa-jcs-2022: the signed vector after any change', () => {
  const original = canonicalize(V.signed);

  it.each([
    ['document', [] as Path],
    ['proof', ['proof'] as Path],
  ])('is refused after any change to the %s', async (_what, within) => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const changed = mutate(V.signed, within, m);
        fc.pre(canonicalize(changed) !== original); // e.g. a value replaced by itself
        const result = await checkCredential(changed, { now: NOW });
        expect(result.valid).toBe(false);
        expect(result.reason).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });

  it('names the change a tampering when a signed value is altered', async () => {
    const cases = [
      { ...V.signed, name: 'Honours Credential' },
      { ...V.signed, credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Other Examples' } },
      { ...V.signed, proof: { ...(V.signed.proof as JsonObject), created: '2024-02-24T23:36:38Z' } },
    ];
    for (const changed of cases) {
      const result = await checkCredential(changed, { now: NOW });
      expect(result).toMatchObject({ valid: false, code: 'tampered', issuer: null, subject: null });
    }
  });
});
