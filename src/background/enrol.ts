// Enrolment with a vendor and leaving it. Every step is checked before anything is stored, so
// a bad endpoint, a wrong code, garbage answers or an invalid catalog leave earlier enrolments
// (and a previous enrolment with the same vendor) exactly as they were.
import * as v from 'valibot';
import { describeIssues } from '../core/describe-issues';
import { ENDPOINT_REFUSAL_MESSAGE, parseEndpointUrl } from '../core/schema/url';
import { initialSyncState } from '../core/sync/state';
import { fetchCatalog } from './catalogs';
import { CommandFailure } from './errors';
import type { DbHandle, VendorRecord } from './db';
import { identityConflict, originOf, secretTag } from './identity';
import { holdAllPending, releaseFor } from './outbox';
import { decodeBase64Url } from '../core/credential/base64url';
import { EnrolResponseSchema, VendorInfoSchema, type EnrolResponse } from '../core/protocol/vendor';
import { checkRevocation } from './credentials';
import { callVendor, REQUEST_TIMEOUT_MS, vendorUrl, type Fetch } from './vendor-http';
import { codeRefused, endpointProblem, notAdvocate, vendorFault } from './enrol-errors';
import { t } from '../ui/i18n';

export interface EnrolDeps {
  db: DbHandle;
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number | undefined;
  client: { name: string; version: string };
}

/** The endpoint as the practitioner typed it -> a base URL, or a CommandFailure saying what to fix. */
export function normaliseEndpoint(text: string): string {
  const parsed = parseEndpointUrl(text);
  if (!parsed.ok) throw new CommandFailure('bad-endpoint', t(ENDPOINT_REFUSAL_MESSAGE[parsed.reason]));
  return parsed.base;
}

const describe = (issues: readonly v.BaseIssue<unknown>[]) => describeIssues(issues, 1);

export async function enrol(deps: EnrolDeps, endpointText: string, code: string): Promise<VendorRecord> {
  const endpoint = normaliseEndpoint(endpointText);
  const common = { fetch: deps.fetch, timeoutMs: deps.timeoutMs };

  const timeoutMs = deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const info = await callVendor({ ...common, url: vendorUrl(endpoint, '/v1/vendor'), nowMs: deps.now() });
  if (!info.ok) throw endpointProblem(endpoint, info, timeoutMs);
  const vendorInfo = v.safeParse(VendorInfoSchema, info.json);
  if (!vendorInfo.success) throw notAdvocate(endpoint, t('enrolDetailFields', describe(vendorInfo.issues)), 'enrol-failed');
  const vendorId = vendorInfo.output.id;
  // Before the code is spent: an endpoint cannot take over a vendor enrolled elsewhere or a known name.
  const conflict = identityConflict(vendorId, endpoint, await (await deps.db.get()).get('vendors', vendorId));
  if (conflict) throw new CommandFailure('vendor-identity', conflict);

  const catalog = await fetchCatalog({ ...common, now: deps.now }, endpoint, vendorId);
  if (catalog.kind !== 'updated') {
    throw vendorFault('enrolErrCatalog', catalog.kind === 'failed' ? (catalog.detail ?? catalog.error) : t('catalogCause_none'));
  }

  const answer = await callVendor({ ...common, url: vendorUrl(endpoint, '/v1/enrol'), method: 'POST', body: { code: code.trim(), client: deps.client }, nowMs: deps.now() });
  if (!answer.ok) {
    if (answer.status === 401 || answer.status === 400) throw codeRefused();
    throw endpointProblem(endpoint, answer, timeoutMs);
  }
  const parsed = v.safeParse(EnrolResponseSchema, answer.json);
  if (!parsed.success) throw vendorFault('enrolErrAnswer', describe(parsed.issues));
  const enrolment: EnrolResponse = parsed.output;
  if (enrolment.vendor.id !== vendorId || enrolment.vendor.keyId !== vendorInfo.output.keyId || enrolment.vendor.did !== vendorInfo.output.did) {
    throw vendorFault('enrolErrMismatch');
  }

  if (decodeBase64Url(enrolment.referralSecret)?.length !== 32) {
    throw vendorFault('enrolErrSecret');
  }
  const { did, publicKeyMultibase } = enrolment.vendor;
  const issuer = { id: vendorId, publicKeyJwk: enrolment.vendor.publicKeyJwk, keyId: enrolment.vendor.keyId, ...(did && publicKeyMultibase ? { did, publicKeyMultibase } : {}) };
  const { revoked, statusProblems, statuses } = await checkRevocation(deps, { endpoint, issuer, credentials: enrolment.credentials });
  const db = await deps.db.get();
  const tx = db.transaction(['vendors', 'secrets', 'catalogs', 'stats'], 'readwrite', { durability: 'strict' });
  const now = deps.now();
  // Checked again where it is written: another enrolment may have finished meanwhile.
  const previous = await tx.objectStore('vendors').get(vendorId);
  const lateConflict = identityConflict(vendorId, endpoint, previous);
  if (lateConflict) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new CommandFailure('vendor-identity', lateConflict);
  }
  const record: VendorRecord = {
    id: vendorId,
    name: enrolment.vendor.name,
    homepage: enrolment.vendor.homepage,
    endpoint,
    enrolledAt: new Date(now).toISOString(),
    practitioner: enrolment.practitioner,
    issuer,
    credentials: enrolment.credentials,
    credentialStatuses: statuses,
    revoked,
    statusProblems,
    sync: initialSyncState(),
    catalogCheckedAt: now,
  };
  await Promise.all([
    tx.objectStore('vendors').put(record),
    tx.objectStore('secrets').put({ vendorId, accessToken: enrolment.accessToken, referralSecret: enrolment.referralSecret }),
    tx.objectStore('catalogs').put({ vendorId, catalog: catalog.catalog, fetchedAt: now, ...(catalog.etag ? { etag: catalog.etag } : {}) }),
    // Another practitioner's numbers are not this one's.
    previous && previous.practitioner.number !== record.practitioner.number ? tx.objectStore('stats').delete(vendorId) : undefined,
    tx.done,
  ]);
  const route = { origin: originOf(endpoint), practitioner: record.practitioner.number, secretTag: await secretTag(enrolment.referralSecret) };
  await releaseFor(db, vendorId, route, (item) =>
    item.practitioner !== undefined && item.practitioner !== route.practitioner
      ? t('enrolHeldOtherPractitioner', item.practitioner, record.name, route.practitioner)
      : t('enrolHeldOldSecret', record.name),
  );
  return record;
}


/**
 * Leaves a vendor: tells it (best effort, so leaving works offline), then removes the secrets,
 * stats and catalog. Referrals stay as history; undelivered ones are held, saying so, until the
 * practitioner enrols again with that vendor at the same origin (or deletes them).
 */
export async function leave(deps: Omit<EnrolDeps, 'client'>, vendorId: string): Promise<{ removed: boolean; vendorNotified: boolean }> {
  const db = await deps.db.get();
  const [vendor, secret] = await Promise.all([db.get('vendors', vendorId), db.get('secrets', vendorId)]);
  if (!vendor) return { removed: false, vendorNotified: false };
  let vendorNotified = false;
  if (secret) {
    const answer = await callVendor({ fetch: deps.fetch, timeoutMs: deps.timeoutMs, url: vendorUrl(vendor.endpoint, '/v1/enrolment'), method: 'DELETE', token: secret.accessToken, nowMs: deps.now() });
    vendorNotified = answer.ok || answer.status === 401 || answer.status === 410;
  }
  const tx = db.transaction(['vendors', 'secrets', 'stats', 'catalogs'], 'readwrite', { durability: 'strict' });
  await Promise.all([
    tx.objectStore('vendors').delete(vendorId),
    tx.objectStore('secrets').delete(vendorId),
    tx.objectStore('stats').delete(vendorId),
    tx.objectStore('catalogs').delete(vendorId),
    tx.done,
  ]);
  await holdAllPending(
    db,
    vendorId,
    `You left ${vendor.name} before this was delivered. It is kept on this device: enrol again with ${vendor.name} at ${originOf(vendor.endpoint)} and it is sent, or delete it.`,
  );
  return { removed: true, vendorNotified };
}
