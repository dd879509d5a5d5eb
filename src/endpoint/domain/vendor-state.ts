// The vendor's own identity, created on first start: Ed25519 signing keys and catalog in the
// database; the admin token and webhook secret in DATA_DIR files (mode 0600) so the operator can
// read them, with only their hashes compared at runtime.
import type { Kysely } from 'kysely';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog, type Catalog } from '../../core/catalog';
import { randomBytes } from 'node:crypto';
import { generateIssuerKeys, importPrivateKeyJwk, type Ed25519PrivateJwk, type Ed25519PublicJwk } from '../../core/credential/ed25519';
import type { Database } from '../db/schema';
import { DEMO_VENDOR_ID, demoCatalog } from './demo-catalog';
import { createPractitioner, reissueEnrolmentCode } from './practitioners';
import { randomToken } from './secrets';

export interface VendorIdentity {
  privateKeyJwk: Ed25519PrivateJwk;
  publicKeyJwk: Ed25519PublicJwk;
  keyId: string;
}

export interface VendorState {
  identity: VendorIdentity;
  signingKey: CryptoKey;
  /** The catalog as stored, before the endpoint URL is filled in. */
  catalogTemplate: Catalog;
  adminToken: string;
  webhookSecret: string;
  /** Printed for the operator; null once the demo practitioner has enrolled. */
  demoEnrolmentCode: string | null;
  startedAt: string;
}

const CATALOG_ENDPOINT_PLACEHOLDER = 'http://127.0.0.1/';

async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

function fileSecret(dataDir: string, name: string, given: string | undefined, make: () => string): string {
  const path = join(dataDir, name);
  if (given !== undefined) {
    writeFileSync(path, `${given}\n`, { mode: 0o600 });
    return given;
  }
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored) return stored;
  }
  const fresh = make();
  writeFileSync(path, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}

export async function loadOrSeedVendor(
  db: Kysely<Database>,
  options: { dataDir: string; now: Date; adminToken?: string | undefined; webhookSecret?: string | undefined },
): Promise<VendorState> {
  let identityText = await getMeta(db, 'vendor_identity');
  if (!identityText) {
    const keys = await generateIssuerKeys();
    const identity: VendorIdentity = { privateKeyJwk: keys.privateKeyJwk, publicKeyJwk: keys.publicKeyJwk, keyId: keys.keyId };
    identityText = JSON.stringify(identity);
    await setMeta(db, 'vendor_identity', identityText);
  }
  const identity = JSON.parse(identityText) as VendorIdentity;

  let catalogText = await getMeta(db, 'catalog');
  if (!catalogText) {
    catalogText = JSON.stringify(demoCatalog(CATALOG_ENDPOINT_PLACEHOLDER));
    await setMeta(db, 'catalog', catalogText);
  }
  const catalogTemplate = parseCatalog(JSON.parse(catalogText));
  if (catalogTemplate.vendors.length !== 1) throw new Error('The stored catalog must hold exactly one vendor (this endpoint serves one vendor).');

  let demoId = await getMeta(db, 'demo_practitioner_id');
  let demoEnrolmentCode: string | null = null;
  if (!demoId) {
    const created = await createPractitioner(
      db,
      {
        displayName: 'Dana Demo',
        email: 'dana@practitioner.example.org',
        certifications: [
          { productId: 'mysql', level: 'professional' },
          { productId: 'postgresql', level: 'associate' },
        ],
      },
      options.now,
    );
    demoId = created.practitioner.id;
    demoEnrolmentCode = created.enrolmentCode;
    await setMeta(db, 'demo_practitioner_id', demoId);
  } else {
    demoEnrolmentCode = await reissueEnrolmentCode(db, demoId, options.now);
  }

  return {
    identity,
    signingKey: await importPrivateKeyJwk(identity.privateKeyJwk),
    catalogTemplate,
    adminToken: fileSecret(options.dataDir, 'admin-token', options.adminToken, () => randomToken('adm_')),
    webhookSecret: fileSecret(options.dataDir, 'webhook-secret', options.webhookSecret, () => `whsec_${randomBytes(24).toString('base64')}`),
    demoEnrolmentCode,
    startedAt: options.now.toISOString(),
  };
}

export { DEMO_VENDOR_ID };
