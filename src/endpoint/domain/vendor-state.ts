// The vendor's own identity, created on first start: Ed25519 signing keys (sealed) and the
// catalog in the database, and a demo practitioner. loadVendor reads them back for createApp.
import type { Kysely } from 'kysely';
import { parseCatalog, type Catalog } from '../../core/catalog';
import { generateIssuerKeys, importPrivateKeyJwk, type Ed25519PrivateJwk, type Ed25519PublicJwk } from '../../core/credential/ed25519';
import type { Database } from '../db/schema';
import { isSealed, type SecretBox } from './at-rest';
import { DEMO_VENDOR_ID, demoCatalog } from './demo-catalog';
import { createPractitioner, reissueUnusedEnrolmentCode } from './practitioners';

export interface VendorIdentity {
  privateKeyJwk: Ed25519PrivateJwk;
  publicKeyJwk: Ed25519PublicJwk;
  keyId: string;
}

export interface LoadedVendor {
  identity: VendorIdentity;
  signingKey: CryptoKey;
  /** The catalog as stored, before the endpoint URL is filled in. */
  catalog: Catalog;
}

const CATALOG_ENDPOINT_PLACEHOLDER = 'http://127.0.0.1/';

async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/**
 * First start: keys, catalog, demo practitioner. Later starts: seal what an older version stored
 * in the clear, and reissue the demo practitioner's code while it is unused. Returns that code.
 */
export async function seedVendor(db: Kysely<Database>, box: SecretBox, now: Date): Promise<{ demoEnrolmentCode: string | null }> {
  const identityText = await getMeta(db, 'vendor_identity');
  if (!identityText) {
    const keys = await generateIssuerKeys();
    const identity: VendorIdentity = { privateKeyJwk: keys.privateKeyJwk, publicKeyJwk: keys.publicKeyJwk, keyId: keys.keyId };
    await setMeta(db, 'vendor_identity', box.seal(JSON.stringify(identity)));
  } else if (!isSealed(identityText)) {
    await setMeta(db, 'vendor_identity', box.seal(identityText));
  }
  for (const row of await db.selectFrom('practitioners').select(['id', 'referral_secret']).where('referral_secret', 'is not', null).execute()) {
    if (!isSealed(row.referral_secret!)) await db.updateTable('practitioners').set({ referral_secret: box.seal(row.referral_secret!) }).where('id', '=', row.id).execute();
  }
  if (!(await getMeta(db, 'catalog'))) await setMeta(db, 'catalog', JSON.stringify(demoCatalog(CATALOG_ENDPOINT_PLACEHOLDER)));

  const demoId = await getMeta(db, 'demo_practitioner_id');
  if (demoId) return { demoEnrolmentCode: await reissueUnusedEnrolmentCode(db, demoId, now) };
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
    now,
  );
  await setMeta(db, 'demo_practitioner_id', created.practitioner.id);
  return { demoEnrolmentCode: created.enrolmentCode };
}

export async function loadVendor(db: Kysely<Database>, box: SecretBox): Promise<LoadedVendor> {
  const identityText = await getMeta(db, 'vendor_identity');
  const catalogText = await getMeta(db, 'catalog');
  if (!identityText || !catalogText) throw new Error('The database has no vendor yet: run seedVendor (main.ts does) before createApp.');
  const identity = JSON.parse(box.open(identityText)) as VendorIdentity;
  const catalog = parseCatalog(JSON.parse(catalogText));
  if (catalog.vendors.length !== 1) throw new Error('The stored catalog must hold exactly one vendor (this endpoint serves one vendor).');
  const vendor = catalog.vendors[0]!;
  for (const product of vendor.products) {
    for (const offer of product.offers) {
      if (offer.commission.kind === 'fixed' && offer.commission.currency !== vendor.currency) {
        throw new Error(`Offer ${offer.id} pays a fixed commission in ${offer.commission.currency}, but the vendor's currency is ${vendor.currency}: one vendor, one currency.`);
      }
    }
  }
  return { identity, signingKey: await importPrivateKeyJwk(identity.privateKeyJwk), catalog };
}

export { DEMO_VENDOR_ID };
