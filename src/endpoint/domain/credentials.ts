// The vendor as an Open Badges 3.0 issuer: who it is (did:web when it has a public https URL,
// did:key otherwise), the credentials it hands out at enrolment (eddsa-jcs-2022), and the signed
// Bitstring Status List verifiers follow for revocation. Everything that several instances must
// agree on (status indexes, the issued documents, the signed lists) lives in the database.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newCertificationCredential } from '../../core/credential/build';
import {
  didDocument,
  didKeyOf,
  didKeyVerificationMethod,
  didWebDocumentUrl,
  didWebOf,
  didWebVerificationMethod,
  type DidDocument,
} from '../../core/credential/did';
import { multikeyOfJwk } from '../../core/credential/ed25519';
import type { JsonObject } from '../../core/credential/eddsa-jcs-2022';
import type { AchievementLevel, SignedCredential } from '../../core/credential/schema';
import { signCredential } from '../../core/credential/sign';
import { STATUS_LIST_MIN_ENTRIES, issueStatusList, randomStatusIndex, statusListEntry } from '../../core/credential/status-list';
import type { CertificationRow } from '../../core/protocol/admin';
import type { Deps } from '../context';
import type { Database } from '../db/schema';
import { HttpError } from '../http/problem';

export interface IssuerIdentity {
  /** The issuer id every credential and status list names: did:web of the public URL, or did:key. */
  did: string;
  publicKeyMultibase: string;
  verificationMethod: string;
  /** The path this app serves the DID document at (did:web only), relative to the public URL. */
  didDocumentPath: string | null;
}

/**
 * did:web needs an https origin a verifier can fetch /.well-known/did.json from. Without one (the
 * local demo on http://127.0.0.1, or no PUBLIC_URL) the issuer is the key's did:key, which any
 * verifier resolves offline: still a URI, as Open Badges 3.0 wants for an issuer id.
 */
export function issuerIdentity(publicUrl: string | null, publicKeyJwk: unknown): IssuerIdentity {
  const publicKeyMultibase = multikeyOfJwk(publicKeyJwk);
  const url = publicUrl ? new URL(publicUrl) : null;
  if (url?.protocol === 'https:') {
    const did = didWebOf(url);
    // A public URL with a path reaches this app with the path removed, as every other route does.
    const base = url.pathname.replace(/\/$/, '');
    const didDocumentPath = new URL(didWebDocumentUrl(did)).pathname.slice(base.length);
    return { did, publicKeyMultibase, verificationMethod: didWebVerificationMethod(did, publicKeyMultibase), didDocumentPath };
  }
  return { did: didKeyOf(publicKeyMultibase), publicKeyMultibase, verificationMethod: didKeyVerificationMethod(publicKeyMultibase), didDocumentPath: null };
}

export const issuerDidDocument = (issuer: IssuerIdentity): DidDocument => didDocument(issuer.did, issuer.publicKeyMultibase);

export const STATUS_LIST_PATH = '/v1/credentials/status-list';
/** A served list is valid a day and signed again once less than half of that is left, or on revocation. */
export const STATUS_LIST_VALID_MS = 24 * 3_600_000;
const REISSUE_WHEN_LEFT_MS = STATUS_LIST_VALID_MS / 2;
/** validFrom a little in the past, so a verifier whose clock is behind does not find the list "not yet valid". */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The list's length: the smallest MIN·2^k that keeps `used` entries at most half full (random draws rarely collide). */
export function statusListEntries(used: number): number {
  let entries = STATUS_LIST_MIN_ENTRIES;
  while (used * 2 > entries) entries *= 2;
  return entries;
}

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505' || /unique|duplicate key/i.test((error as Error).message);
};

/** The certification's status index, drawn at random the first time it is issued. */
async function statusIndexOf(db: Kysely<Database>, certificationId: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await db.selectFrom('certifications').select('status_index').where('id', '=', certificationId).executeTakeFirstOrThrow();
    if (row.status_index !== null) return Number(row.status_index);
    const used = await db.selectFrom('certifications').select((eb) => eb.fn.countAll<number>().as('n')).where('status_index', 'is not', null).executeTakeFirstOrThrow();
    const index = randomStatusIndex(new Set(), statusListEntries(Number(used.n) + 1));
    try {
      // Another instance may draw the same index at the same time: the unique index refuses one of us.
      await db.updateTable('certifications').set({ status_index: index }).where('id', '=', certificationId).where('status_index', 'is', null).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`No free status list index for ${certificationId} after 20 draws`);
}

const levelName = (level: AchievementLevel) => `${level[0]!.toUpperCase()}${level.slice(1)}`;

/**
 * Signs the practitioner's certifications that are not revoked, as Open Badges 3.0 credentials
 * whose status lives in the list at `base` + STATUS_LIST_PATH, and keeps each as last issued.
 */
export async function issueCredentials(deps: Deps, practitioner: { id: string; display_name: string }, base: string): Promise<SignedCredential[]> {
  const certs = await deps.db.selectFrom('certifications').selectAll().where('practitioner_id', '=', practitioner.id).where('revoked_at', 'is', null).orderBy('id').execute();
  const vendor = deps.catalog.vendors[0]!;
  const now = deps.now();
  const listUrl = `${base}${STATUS_LIST_PATH}`;
  const issued: SignedCredential[] = [];
  for (const cert of certs) {
    const productName = deps.products.get(cert.product_id)?.product.name ?? cert.product_id;
    const level = cert.level as AchievementLevel;
    const unsigned = newCertificationCredential({
      id: cert.id,
      issuer: { id: deps.issuer.did, name: vendor.name, url: vendor.homepage },
      subject: { practitionerId: practitioner.id, name: practitioner.display_name },
      achievement: {
        vendorId: vendor.id,
        productId: cert.product_id,
        level,
        name: `Certified ${productName} ${levelName(level)}`,
        description: `${vendor.name} certifies that the holder advises on, deploys and supports ${productName} at the ${level} level.`,
        criteria: `Assessed by ${vendor.name} on ${productName} at the ${level} level; kept only while the certification is not revoked and has not expired.`,
      },
      validFrom: cert.valid_from,
      ...(cert.valid_until ? { validUntil: cert.valid_until } : {}),
      status: statusListEntry(listUrl, await statusIndexOf(deps.db, cert.id)),
    });
    const signed = await signCredential(unsigned, deps.signingKey, { verificationMethod: deps.issuer.verificationMethod, created: now });
    await deps.db
      .updateTable('certifications')
      .set({ document: JSON.stringify(signed), issued_at: cert.issued_at ?? now.toISOString() })
      .where('id', '=', cert.id)
      .execute();
    issued.push(signed);
  }
  if (issued.length > 0) await statusList(deps, listUrl, true);
  return issued;
}

/** The credential as last issued, for anyone who has its id (a random urn:uuid the holder shares). */
export async function issuedCredential(db: Kysely<Database>, id: string): Promise<unknown> {
  // No id holds a NUL, and PostgreSQL text cannot: such an id is simply unknown.
  const row = id.length <= 100 && !id.includes('\0') ? await db.selectFrom('certifications').select('document').where('id', '=', id).executeTakeFirst() : undefined;
  if (!row?.document) throw new HttpError(404, 'credential-not-found', `No credential ${id.slice(0, 100)} was issued by this vendor.`);
  return JSON.parse(row.document);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The signed status list served at `url`: the stored one while it encodes every revocation and is
 * valid for long enough, else a fresh one, stored for every instance to serve. Only a list some
 * credential was issued with is served (`create` at issuance), so a made-up Host header cannot
 * make the endpoint sign and store lists for addresses nobody uses.
 */
export async function statusList(deps: Deps, url: string, create = false): Promise<JsonObject> {
  const [revokedRows, used, row] = await Promise.all([
    deps.db.selectFrom('certifications').select('status_index').where('revoked_at', 'is not', null).where('status_index', 'is not', null).execute(),
    deps.db.selectFrom('certifications').select((eb) => eb.fn.max<number>('status_index').as('top')).executeTakeFirstOrThrow(),
    deps.db.selectFrom('status_lists').selectAll().where('url', '=', url).executeTakeFirst(),
  ]);
  const revoked = revokedRows.map((r) => Number(r.status_index)).sort((a, b) => a - b);
  let entries = STATUS_LIST_MIN_ENTRIES;
  while (used.top !== null && Number(used.top) >= entries) entries *= 2;
  const digest = sha256(JSON.stringify([deps.issuer.verificationMethod, entries, revoked]));
  if (!row && !create) throw new HttpError(404, 'not-found', `No credential was issued with a status list at ${url.slice(0, 200)}.`);
  const now = deps.now();
  if (row && row.revoked_digest === digest && Date.parse(row.valid_until) - now.getTime() > REISSUE_WHEN_LEFT_MS) return JSON.parse(row.document) as JsonObject;

  const validUntil = new Date(now.getTime() + STATUS_LIST_VALID_MS).toISOString();
  const list = await issueStatusList(
    { url, issuer: deps.issuer.did, set: revoked, entries, validFrom: new Date(now.getTime() - CLOCK_SLACK_MS), validUntil },
    deps.signingKey,
    { verificationMethod: deps.issuer.verificationMethod, created: now.toISOString() },
  );
  const values = { revoked_digest: digest, valid_until: validUntil, document: JSON.stringify(list) };
  await deps.db.insertInto('status_lists').values({ url, ...values }).onConflict((oc) => oc.column('url').doUpdateSet(values)).execute();
  return list;
}

/** Revokes a certification (for good: a revocation bit is never cleared) and signs every served list again. */
export async function revokeCertification(deps: Deps, id: string): Promise<void> {
  const result = await deps.db.updateTable('certifications').set({ revoked_at: deps.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await deps.db.selectFrom('certifications').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) throw new HttpError(404, 'credential-not-found', `No credential ${id} was issued by this vendor.`);
    return;
  }
  for (const { url } of await deps.db.selectFrom('status_lists').select('url').execute()) await statusList(deps, url);
}

export const EXPIRING_DAYS = 30;

/** Every certification for the dashboard: issued, expiring within 30 days, expired, revoked. */
export async function certificationRows(deps: Deps): Promise<CertificationRow[]> {
  const rows = await deps.db
    .selectFrom('certifications')
    .innerJoin('practitioners', 'practitioners.id', 'certifications.practitioner_id')
    .select([
      'certifications.id',
      'certifications.practitioner_id',
      'practitioners.display_name',
      'certifications.product_id',
      'certifications.level',
      'certifications.valid_from',
      'certifications.valid_until',
      'certifications.revoked_at',
      'certifications.issued_at',
    ])
    .orderBy('certifications.valid_until')
    .orderBy('certifications.id')
    .execute();
  const now = deps.now().getTime();
  const soon = now + EXPIRING_DAYS * 86_400_000;
  return rows.map((r) => {
    const until = r.valid_until === null ? null : Date.parse(r.valid_until);
    const state: CertificationRow['state'] = r.revoked_at !== null ? 'revoked' : until !== null && until <= now ? 'expired' : until !== null && until <= soon ? 'expiring' : 'active';
    return {
      credentialId: r.id,
      practitionerId: r.practitioner_id,
      practitionerName: r.display_name,
      productId: r.product_id,
      productName: deps.products.get(r.product_id)?.product.name ?? r.product_id,
      level: r.level as AchievementLevel,
      validFrom: r.valid_from,
      ...(r.valid_until !== null ? { validUntil: r.valid_until } : {}),
      ...(r.issued_at !== null ? { issuedAt: r.issued_at } : {}),
      ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
      state,
    };
  });
}
