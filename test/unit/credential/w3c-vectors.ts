// The W3C eddsa-jcs-2022 test vectors (W3C Software and Document License), read where the
// project keeps them: ../shared/vectors/vc-di-eddsa/ beside the repository, as in CI's checkout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VECTORS_DIR = join(import.meta.dirname, '../../../../shared/vectors/vc-di-eddsa');

const read = (file: string) => readFileSync(join(VECTORS_DIR, file), 'utf8');
const text = (file: string) => read(file).trim();
const json = <T = Record<string, unknown>>(file: string): T => JSON.parse(read(file)) as T;

export const vectors = () => ({
  keyPair: json<{ publicKeyMultibase: string; privateKeyMultibase: string }>('keyPair.json'),
  unsigned: json('unsigned.json'),
  proofConfig: json('proofConfigJCS.json'),
  signed: json('signedJCS.json'),
  canonicalDocument: text('canonDocJCS.txt'),
  canonicalProofConfig: text('proofCanonJCS.txt'),
  documentHashHex: text('docHashJCS.txt'),
  proofHashHex: text('proofHashJCS.txt'),
  combinedHashHex: text('combinedHashJCS.txt'),
  signatureHex: text('sigHexJCS.txt'),
  signatureBase58: text('sigBTC58JCS.txt'),
});

export const SIGNED_VECTOR_PATH = join(VECTORS_DIR, 'signedJCS.json');

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
