// Bitstring Status List v1.0: the encoding, the bit order, and reading one entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STATUS_LIST_MIN_ENTRIES,
  StatusListError,
  decodeStatusList,
  encodeMultibaseBase64Url,
  encodeStatusList,
  getStatusBit,
  newBitstring,
  newStatusListCredential,
  randomStatusIndex,
  readStatus,
  setStatusBit,
  statusListEntry,
} from '../../../src/core/credential';

// The encodedList of the specification's example: an empty list of the minimum size.
const SPEC_EXAMPLE = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
const URL_ = 'https://vendor.example/v1/credentials/status/1';

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

describe('the bitstring', () => {
  it("decodes the specification's example to 131,072 clear entries", async () => {
    const bits = await decodeStatusList(SPEC_EXAMPLE);
    expect(bits.length * 8).toBe(STATUS_LIST_MIN_ENTRIES);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('numbers entries from the most significant bit of the first byte', () => {
    const bits = newBitstring();
    setStatusBit(bits, 0);
    setStatusBit(bits, 9);
    expect([bits[0], bits[1]]).toEqual([0b1000_0000, 0b0100_0000]);
    setStatusBit(bits, 0, false);
    expect(getStatusBit(bits, 0)).toBe(false);
    expect(getStatusBit(bits, 9)).toBe(true);
  });

  it('round-trips any set of entries through GZIP and base64url multibase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat(STATUS_LIST_MIN_ENTRIES - 1), { maxLength: 50 }), async (set) => {
        const bits = newBitstring();
        for (const i of set) setStatusBit(bits, i);
        const encoded = await encodeStatusList(bits);
        expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
        const decoded = await decodeStatusList(encoded);
        expect(decoded).toEqual(bits);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a list below the minimum size, and indexes outside the list', () => {
    expect(() => newBitstring(1000)).toThrow(StatusListError);
    expect(() => getStatusBit(newBitstring(), STATUS_LIST_MIN_ENTRIES)).toThrow(/outside the status list/);
    expect(() => statusListEntry(URL_, -1)).toThrow(StatusListError);
  });

  it('refuses text that is not base64url multibase, or not GZIP', async () => {
    await expect(decodeStatusList('H4sIAAAA')).rejects.toThrow(/base64url multibase/);
    await expect(decodeStatusList(encodeMultibaseBase64Url(new Uint8Array([1, 2, 3, 4])))).rejects.toThrow(/not GZIP/);
  });

  it('stops a decompression bomb at the limit instead of expanding it', async () => {
    const encoded = encodeMultibaseBase64Url(await gzip(new Uint8Array(4 * 1024 * 1024)));
    expect(encoded.length).toBeLessThan(10_000);
    await expect(decodeStatusList(encoded, 1024 * 1024)).rejects.toThrow(/expands beyond 1048576 bytes/);
    expect((await decodeStatusList(encoded, 4 * 1024 * 1024)).length).toBe(4 * 1024 * 1024);
  });
});

describe('entries and lists', () => {
  it('builds a BitstringStatusListEntry naming the list and the index', () => {
    expect(statusListEntry(URL_, 94567)).toEqual({
      id: `${URL_}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: URL_,
    });
  });

  it('picks random unused indexes, and says when the list is full', () => {
    const used = new Set<number>();
    for (let i = 0; i < 200; i++) used.add(randomStatusIndex(used));
    expect(used.size).toBe(200);
    expect([...used].every((i) => Number.isInteger(i) && i >= 0 && i < STATUS_LIST_MIN_ENTRIES)).toBe(true);
    expect(Math.max(...used)).toBeGreaterThan(1000); // not handed out in order
    const full = new Set(Array.from({ length: 8 }, (_, i) => i));
    expect(randomStatusIndex(new Set([0, 1, 2, 3, 4, 5, 6]), 8)).toBe(7);
    expect(() => randomStatusIndex(full, 8)).toThrow(/All 8 entries/);
  });

  it('builds a BitstringStatusListCredential whose set bits read as set', async () => {
    const list = await newStatusListCredential({ url: URL_, issuer: 'did:web:vendor.example', set: [7, 94567], validFrom: '2026-01-01T00:00:00Z' });
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: URL_,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${URL_}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    const subject = list.credentialSubject;
    expect(await readStatus(statusListEntry(URL_, 94567), subject)).toBe(true);
    expect(await readStatus(statusListEntry(URL_, 7), subject)).toBe(true);
    expect(await readStatus(statusListEntry(URL_, 8), subject)).toBe(false);
  });

  it('refuses to read an entry of another purpose, or a list too short', async () => {
    const list = await newStatusListCredential({ url: URL_, issuer: 'did:web:vendor.example', set: [], validFrom: '2026-01-01T00:00:00Z' });
    await expect(readStatus(statusListEntry(URL_, 1, 'suspension'), list.credentialSubject)).rejects.toThrow(/for revocation, not suspension/);
    const short = { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeMultibaseBase64Url(await gzip(new Uint8Array(100))) };
    await expect(readStatus(statusListEntry(URL_, 1), short)).rejects.toThrow(/fewer than 131072 entries/);
    await expect(readStatus(statusListEntry(URL_, 1), { type: 'Other' })).rejects.toThrow(/Not a status list/);
  });
});
