// W3C "Bitstring Status List v1.0": a revocation list any verifier can follow. A credential's
// `credentialStatus` is a BitstringStatusListEntry naming a bit in a list the issuer publishes
// as a signed BitstringStatusListCredential; the list is a GZIP-compressed bitstring in
// base64url multibase ('u…'), bit 0 the most significant bit of the first byte.
import * as v from 'valibot';
import { describeIssues } from '../describe-issues';
import { addProof, type JsonObject, type ProofOptions } from './eddsa-jcs-2022';
import type { SigningKey } from './ed25519';
import { decodeMultibaseBase64Url, encodeMultibaseBase64Url } from './multibase';

/** The specification's minimum (16 KB uncompressed), so one revoked bit does not stand out. */
export const STATUS_LIST_MIN_ENTRIES = 131_072;
/** A decompressed list larger than this is refused: 16 MiB is 134 million credentials. */
export const STATUS_LIST_MAX_BYTES = 16 * 1024 * 1024;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export class StatusListError extends Error {
  override name = 'StatusListError';
}

const INDEX = /^(0|[1-9][0-9]{0,15})$/;

export const StatusListEntrySchema = v.looseObject({
  id: v.optional(v.string()),
  type: v.literal('BitstringStatusListEntry', 'credentialStatus.type must be "BitstringStatusListEntry"'),
  statusPurpose: v.string('credentialStatus.statusPurpose must be text'),
  statusListIndex: v.pipe(v.string('statusListIndex must be text'), v.regex(INDEX, 'statusListIndex must be a non-negative integer, as text')),
  statusListCredential: v.pipe(v.string(), v.url('statusListCredential must be a URL')),
  statusSize: v.optional(v.literal(1, 'statusSize must be 1 for revocation and suspension')),
});
export type StatusListEntry = v.InferOutput<typeof StatusListEntrySchema>;

/** The `credentialStatus` of credential number `index` in the list published at `statusListCredential`. */
export function statusListEntry(statusListCredential: string, index: number, statusPurpose: StatusPurpose = 'revocation'): StatusListEntry {
  if (!Number.isSafeInteger(index) || index < 0) throw new StatusListError(`A status list index is a non-negative integer, not ${index}`);
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

/**
 * A random index not in `used`, for a new credential's entry: random, not sequential, so an index
 * tells nothing about when or to whom a credential was issued (the specification's advice).
 */
export function randomStatusIndex(used: ReadonlySet<number>, entries = STATUS_LIST_MIN_ENTRIES): number {
  if (used.size >= entries) throw new StatusListError(`All ${entries} entries of the status list are in use`);
  const word = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(word);
    const index = word[0]! % entries; // the bias for entries far below 2^32 is negligible here
    if (!used.has(index)) return index;
  }
}

// --- the bitstring ----------------------------------------------------------------------------

/** An all-clear list of at least the minimum number of entries. */
export function newBitstring(entries = STATUS_LIST_MIN_ENTRIES): Uint8Array {
  if (!Number.isSafeInteger(entries) || entries < STATUS_LIST_MIN_ENTRIES) throw new StatusListError(`A status list has at least ${STATUS_LIST_MIN_ENTRIES} entries`);
  return new Uint8Array(Math.ceil(entries / 8));
}

function position(bits: Uint8Array, index: number): [number, number] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new StatusListError(`Index ${index} is outside the status list (${bits.length * 8} entries)`);
  }
  return [index >>> 3, 0x80 >>> (index & 7)];
}

export function getStatusBit(bits: Uint8Array, index: number): boolean {
  const [byte, mask] = position(bits, index);
  return (bits[byte]! & mask) !== 0;
}

export function setStatusBit(bits: Uint8Array, index: number, set = true): void {
  const [byte, mask] = position(bits, index);
  bits[byte] = set ? bits[byte]! | mask : bits[byte]! & ~mask;
}

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new StatusListError(`The status list expands beyond ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const through = (bytes: Uint8Array, transform: CompressionStream | DecompressionStream, maxBytes: number) =>
  readAll(new Blob([bytes as BlobPart]).stream().pipeThrough(transform), maxBytes);

/** The Bitstring Generation Algorithm's output: GZIP, then base64url multibase. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  return encodeMultibaseBase64Url(await through(bits, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER));
}

/** The Bitstring Expansion Algorithm; throws StatusListError for bad encoding, bad GZIP or a decompression bomb. */
export async function decodeStatusList(encodedList: string, maxBytes = STATUS_LIST_MAX_BYTES): Promise<Uint8Array> {
  const compressed = decodeMultibaseBase64Url(encodedList);
  if (!compressed) throw new StatusListError('encodedList is not base64url multibase (u…)');
  try {
    return await through(compressed, new DecompressionStream('gzip'), maxBytes);
  } catch (error) {
    if (error instanceof StatusListError) throw error;
    throw new StatusListError(`encodedList is not GZIP data: ${(error as Error).message}`);
  }
}

// --- the status list credential ---------------------------------------------------------------

export interface StatusListInput {
  /** The URL the list is served at; every entry's statusListCredential. */
  url: string;
  issuer: string | { id: string; name?: string };
  /** Indexes whose bit is set (revoked, for the default purpose). */
  set: Iterable<number>;
  entries?: number;
  statusPurpose?: StatusPurpose;
  validFrom: Date | string;
  /** Verifiers treat the list as stale after this; publish a fresh one before. */
  validUntil?: Date | string;
}

const iso = (t: Date | string) => (typeof t === 'string' ? t : t.toISOString());

/** The unsigned BitstringStatusListCredential. */
export async function newStatusListCredential(input: StatusListInput): Promise<JsonObject> {
  const bits = newBitstring(input.entries);
  for (const index of input.set) setStatusBit(bits, index);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: iso(input.validFrom),
    ...(input.validUntil === undefined ? {} : { validUntil: iso(input.validUntil) }),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose ?? 'revocation',
      encodedList: await encodeStatusList(bits),
    },
  };
}

/** The signed status list credential the issuer serves at `input.url`. */
export async function issueStatusList(input: StatusListInput, key: SigningKey, proof: ProofOptions): Promise<JsonObject> {
  return addProof(await newStatusListCredential(input), proof, key);
}

// --- reading one entry from a verified list ----------------------------------------------------

export const StatusListSubjectSchema = v.looseObject({
  type: v.literal('BitstringStatusList', 'credentialSubject.type must be "BitstringStatusList"'),
  statusPurpose: v.union([v.string(), v.array(v.string())], 'credentialSubject.statusPurpose must be text'),
  encodedList: v.string('credentialSubject.encodedList must be text'),
});

/**
 * §3.2 Validate Algorithm, steps 5–10, on a status list credential whose proof has been verified:
 * true when the entry's bit is set. Throws StatusListError with the reason the status is unknown.
 */
export async function readStatus(entry: StatusListEntry, listSubject: unknown): Promise<boolean> {
  const parsed = v.safeParse(StatusListSubjectSchema, listSubject);
  if (!parsed.success) throw new StatusListError(`Not a status list: ${describeIssues(parsed.issues)}`);
  const purposes = ([] as string[]).concat(parsed.output.statusPurpose);
  if (!purposes.includes(entry.statusPurpose)) throw new StatusListError(`The status list is for ${purposes.join(', ')}, not ${entry.statusPurpose}`);
  const bits = await decodeStatusList(parsed.output.encodedList);
  if (bits.length * 8 < STATUS_LIST_MIN_ENTRIES) throw new StatusListError(`The status list has fewer than ${STATUS_LIST_MIN_ENTRIES} entries`);
  return getStatusBit(bits, Number(entry.statusListIndex));
}
