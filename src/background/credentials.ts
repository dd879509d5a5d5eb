// Certification credentials of an enrolment: verified against the vendor's published key at
// enrolment, again whenever they are listed (they expire), and with the vendor's revocation
// list refreshed alongside the catalog.
import type { CredentialView } from '../core/messages/views';
import type { DbHandle, VendorRecord } from './db';
import { isCertified, verifyCredential } from '../core/credential/verify';
import { callVendor, vendorUrl, type Fetch } from './vendor-http';

export interface CredentialDeps {
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number | undefined;
}

/** The vendor's revoked credential ids, or null when the list cannot be had right now. */
export async function fetchRevoked(deps: CredentialDeps, endpoint: string): Promise<string[] | null> {
  const answer = await callVendor({ fetch: deps.fetch, timeoutMs: deps.timeoutMs, url: vendorUrl(endpoint, '/v1/credentials/status'), nowMs: deps.now() });
  const revoked = answer.ok ? (answer.json as { revoked?: unknown } | null)?.revoked : undefined;
  return Array.isArray(revoked) ? revoked.filter((x): x is string => typeof x === 'string') : null;
}

export async function verifyCredentials(
  issuer: VendorRecord['issuer'],
  credentials: readonly unknown[],
  nowMs: number,
  revoked: readonly string[] = [],
): Promise<CredentialView[]> {
  const revokedSet = new Set(revoked);
  return Promise.all(
    credentials.map(async (credential) => {
      const status = await verifyCredential(credential, issuer, { now: new Date(nowMs), revoked: revokedSet });
      const view: CredentialView = { state: status.state, reason: status.reason };
      for (const key of ['credentialId', 'productId', 'level', 'achievementName', 'validUntil'] as const) {
        if (status[key] !== undefined) view[key] = status[key];
      }
      return view;
    }),
  );
}

export const certified = (statuses: readonly CredentialView[]) => statuses.some((s) => isCertified({ state: s.state, reason: s.reason }));

/** Re-reads the revocation list and re-verifies; keeps the old list when the vendor is unreachable. */
export async function refreshCredentials(deps: CredentialDeps & { db: DbHandle }, vendor: VendorRecord): Promise<void> {
  const revoked = (await fetchRevoked(deps, vendor.endpoint)) ?? vendor.revoked ?? [];
  const statuses = await verifyCredentials(vendor.issuer, vendor.credentials, deps.now(), revoked);
  const db = await deps.db.get();
  const tx = db.transaction('vendors', 'readwrite');
  const current = await tx.store.get(vendor.id);
  await Promise.all([current ? tx.store.put({ ...current, revoked, credentialStatuses: statuses }) : undefined, tx.done]);
}
