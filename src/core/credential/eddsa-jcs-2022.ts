// The W3C Data Integrity cryptosuite eddsa-jcs-2022 ("Data Integrity EdDSA Cryptosuites v1.0",
// §3.3): proof configuration and document each JCS-canonicalised (RFC 8785) and SHA-256 hashed,
// Ed25519 over proofConfigHash ‖ documentHash, proofValue in base58btc multibase. Step numbers
// below are the specification's.
import { canonicalize } from './canonical';
import { signEd25519, verifyEd25519, type SigningKey } from './ed25519';
import { decodeBase58btc, encodeBase58btc } from './multibase';
import { parseInstant } from '../schema/time';

export const EDDSA_JCS_2022 = 'eddsa-jcs-2022';
export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';

export type JsonObject = Record<string, unknown>;

export class ProofError extends Error {
  override name = 'ProofError';
  constructor(
    /** The error type the specification names. */
    readonly type: 'PROOF_GENERATION_ERROR' | 'PROOF_TRANSFORMATION_ERROR',
    message: string,
  ) {
    super(message);
  }
}

/** Every intermediate value of §3.3.3–3.3.5, so tests can compare each with the W3C vectors. */
export interface HashData {
  canonicalDocument: string;
  canonicalProofConfig: string;
  documentHash: Uint8Array;
  proofConfigHash: Uint8Array;
  /** proofConfigHash ‖ documentHash: the 64 bytes Ed25519 signs. */
  hashData: Uint8Array;
}

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** §3.3.3 Transformation, §3.3.5 Proof Configuration and §3.3.4 Hashing. */
export async function hashForProof(unsecuredDocument: JsonObject, proofConfig: JsonObject): Promise<HashData> {
  if (proofConfig.type !== DATA_INTEGRITY_PROOF || proofConfig.cryptosuite !== EDDSA_JCS_2022) {
    throw new ProofError('PROOF_TRANSFORMATION_ERROR', `The proof must be a ${DATA_INTEGRITY_PROOF} with cryptosuite ${EDDSA_JCS_2022}`);
  }
  if (proofConfig.created !== undefined && (typeof proofConfig.created !== 'string' || parseInstant(proofConfig.created) === null)) {
    throw new ProofError('PROOF_GENERATION_ERROR', 'proof.created must be a date-time with a time zone, e.g. 2026-01-31T12:00:00Z');
  }
  const canonicalProofConfig = canonicalize(proofConfig);
  const canonicalDocument = canonicalize(unsecuredDocument);
  const [proofConfigHash, documentHash] = await Promise.all([sha256(canonicalProofConfig), sha256(canonicalDocument)]);
  const hashData = new Uint8Array(64);
  hashData.set(proofConfigHash, 0);
  hashData.set(documentHash, 32);
  return { canonicalDocument, canonicalProofConfig, documentHash, proofConfigHash, hashData };
}

export interface ProofOptions {
  verificationMethod: string;
  /** Kept as given when text, so a caller reproduces a known proof exactly. */
  created?: Date | string;
  proofPurpose?: string;
}

/** §3.3.1 Create Proof: the proof (with proofValue) for `unsecuredDocument`. */
export async function createProof(unsecuredDocument: JsonObject, options: ProofOptions, key: SigningKey): Promise<JsonObject> {
  if ('proof' in unsecuredDocument) throw new ProofError('PROOF_GENERATION_ERROR', 'The document already has a proof; sign the unsecured document');
  const created = options.created instanceof Date ? options.created.toISOString() : options.created;
  // 1. a clone of the options
  const proof: JsonObject = {
    type: DATA_INTEGRITY_PROOF,
    cryptosuite: EDDSA_JCS_2022,
    ...(created === undefined ? {} : { created }),
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  };
  // 2. the document's @context travels in the proof, so it is covered by the proof hash too
  if (unsecuredDocument['@context'] !== undefined) proof['@context'] = unsecuredDocument['@context'];
  // 3.–5.
  const { hashData } = await hashForProof(unsecuredDocument, proof);
  // 6.–7.
  proof.proofValue = encodeBase58btc(await signEd25519(key, hashData));
  return proof;
}

/** The secured document: a JSON snapshot of `unsecuredDocument` with its proof, so later edits of the caller's object cannot split them. */
export async function addProof<T extends JsonObject>(unsecuredDocument: T, options: ProofOptions, key: SigningKey): Promise<T & { proof: JsonObject }> {
  const snapshot = JSON.parse(canonicalize(unsecuredDocument)) as T;
  return { ...snapshot, proof: await createProof(snapshot, options, key) };
}

export type ProofVerification =
  | { verified: true; document: JsonObject }
  | { verified: false; code: 'malformed' | 'tampered'; reason: string };

const sameJson = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/**
 * §3.3.2 Verify Proof, the verification method already resolved to `publicKey`. `proof` must be
 * the one proof object of `securedDocument`.
 */
export async function verifyProof(securedDocument: JsonObject, publicKey: Uint8Array): Promise<ProofVerification> {
  // 1.–2.
  const { proof, ...unsecuredDocument } = securedDocument;
  const { proofValue, ...proofOptions } = proof as JsonObject;
  // 3.
  const signature = typeof proofValue === 'string' ? decodeBase58btc(proofValue) : null;
  if (!signature || signature.length !== 64) {
    return { verified: false, code: 'malformed', reason: 'proof.proofValue is not a 64-byte Ed25519 signature in base58btc multibase (z…)' };
  }
  // 4.
  if (proofOptions['@context'] !== undefined) {
    const proofContext = ([] as unknown[]).concat(proofOptions['@context']);
    const documentContext = ([] as unknown[]).concat(unsecuredDocument['@context'] ?? []);
    if (!proofContext.every((c, i) => i < documentContext.length && sameJson(c, documentContext[i]))) {
      return { verified: false, code: 'tampered', reason: "The credential's @context is not the one the proof was made for" };
    }
    // The specification lets later contexts be appended after signing; nothing would then cover
    // what they mean, so this verifier refuses them (a safeguard its §3 allows).
    if (documentContext.length !== proofContext.length) {
      return { verified: false, code: 'tampered', reason: "The credential's @context has entries added after it was signed" };
    }
    unsecuredDocument['@context'] = proofOptions['@context'];
  }
  // 5.–8.
  let hashed: HashData;
  try {
    hashed = await hashForProof(unsecuredDocument, proofOptions);
  } catch (error) {
    if (error instanceof ProofError) return { verified: false, code: 'malformed', reason: error.message };
    throw error;
  }
  if (!(await verifyEd25519(publicKey, signature, hashed.hashData))) {
    return { verified: false, code: 'tampered', reason: 'The signature does not match: the credential or its proof was changed after signing' };
  }
  // 9.
  return { verified: true, document: unsecuredDocument };
}
