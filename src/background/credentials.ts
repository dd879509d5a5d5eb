// Certification credentials of an enrolment: verified against the vendor's published key at
// enrolment, again whenever they are listed (they expire), and their revocation refreshed with
// the catalog: the vendor's signed Bitstring Status Lists (fetched from its own endpoint only,
// the one host Advocate talks to) and the plain revocation list older endpoints serve.
// Revocation is for good, so what was once seen revoked stays revoked.
import type { CredentialView } from '../core/messages/views';
import type { DbHandle, VendorRecord } from './db';
import { LEGACY_SUITE_LABEL, isCertified, verifyCredential, type CredentialStatus, type TrustedIssuer } from '../core/credential/verify';
import { callVendor, vendorUrl, type Fetch } from './vendor-http';
import { t } from '../ui/i18n';
import { formatDate } from '../ui/format';

export interface CredentialDeps {
  fetch: Fetch;
  now: () => number;
  timeoutMs?: number | undefined;
}

type Issuer = VendorRecord['issuer'];

/** The vendor's revoked credential ids, or null when the list cannot be had right now. */
export async function fetchRevoked(deps: CredentialDeps, endpoint: string): Promise<string[] | null> {
  const answer = await callVendor({ fetch: deps.fetch, timeoutMs: deps.timeoutMs, url: vendorUrl(endpoint, '/v1/credentials/status'), nowMs: deps.now() });
  const revoked = answer.ok ? (answer.json as { revoked?: unknown } | null)?.revoked : undefined;
  return Array.isArray(revoked) ? revoked.filter((x): x is string => typeof x === 'string') : null;
}

const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
const idOf = (credential: unknown) => (typeof field(credential, 'id') === 'string' ? (field(credential, 'id') as string) : undefined);

/** The status list a credential names, if any (read before verification: only a URL to maybe fetch). */
const statusListUrl = (credential: unknown): string | undefined => {
  const url = field(field(credential, 'credentialStatus'), 'statusListCredential');
  return typeof url === 'string' ? url : undefined;
};

/** Whether `url` is on the vendor's endpoint: Advocate contacts no other host for a vendor. */
export function isOnEndpoint(url: string, endpoint: string): boolean {
  try {
    const u = new URL(url);
    const base = new URL(`${endpoint.replace(/\/+$/, '')}/`);
    return u.origin === base.origin && u.pathname.startsWith(base.pathname) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * The identity a credential must verify as: the vendor's DID for credentials that name it (what
 * endpoints issue now), else the vendor id and key thumbprint (credentials from older endpoints,
 * including the legacy suite). Either way only the key the vendor published verifies it.
 */
export function trustedIssuerFor(issuer: Issuer, credential: unknown): TrustedIssuer {
  const named = field(field(credential, 'issuer'), 'id') ?? field(credential, 'issuer');
  if (issuer.did && issuer.publicKeyMultibase && named === issuer.did) return { id: issuer.did, publicKeyMultibase: issuer.publicKeyMultibase, keyId: issuer.publicKeyMultibase };
  return { id: issuer.id, publicKeyJwk: issuer.publicKeyJwk, keyId: issuer.keyId };
}

export interface RevocationState {
  /** Credential ids seen revoked (plain list or status list). */
  revoked?: readonly string[] | undefined;
  /** Why a credential's revocation could not be checked, by credential id. */
  statusProblems?: Readonly<Record<string, string>> | undefined;
  /** Status list credentials just fetched: checked here, and what they say is kept in `revoked`. */
  statusLists?: readonly unknown[];
}

/** Each credential checked against the vendor's key and what is known of revocation. */
function checkAll(issuer: Issuer, credentials: readonly unknown[], nowMs: number, state: RevocationState): Promise<CredentialStatus[]> {
  const revoked = new Set(state.revoked ?? []);
  const now = new Date(nowMs);
  return Promise.all(credentials.map((credential) => verifyCredential(credential, trustedIssuerFor(issuer, credential), { now, revoked, ...(state.statusLists ? { statusLists: state.statusLists } : {}) })));
}

/**
 * The practitioner's sentence for a credential's state, in the browser's language. Where only the
 * verifier can say what is wrong (forged, another issuer, malformed), its English detail follows.
 */
function reasonOf(status: CredentialStatus): string {
  switch (status.state) {
    case 'valid': {
      const until = status.validUntil ? t('credWhyValidUntil', formatDate(status.validUntil)) : t('credWhyValidForever');
      return status.suite === LEGACY_SUITE_LABEL ? t('credWhyLegacy', until) : until;
    }
    case 'expired':
      return t('credWhyExpired', formatDate(status.validUntil));
    case 'not-yet-valid':
      return t('credWhyNotYet', formatDate(status.validFrom));
    case 'revoked':
      return t('credWhyRevoked');
    case 'forged':
      return t('credWhyForged', status.reason);
    case 'wrong-issuer':
      return t('credWhyWrongIssuer', status.reason);
    default:
      return t('credWhyMalformed', status.reason);
  }
}

function viewOf(status: CredentialStatus, statusProblems: RevocationState['statusProblems']): CredentialView {
  const view: CredentialView = { state: status.state, reason: reasonOf(status) };
  for (const key of ['credentialId', 'productId', 'level', 'achievementName', 'validUntil'] as const) {
    if (status[key] !== undefined) view[key] = status[key];
  }
  if (status.suite === LEGACY_SUITE_LABEL) view.legacy = true;
  const problem = status.credentialId === undefined ? undefined : statusProblems?.[status.credentialId];
  if (problem && (view.state === 'valid' || view.state === 'expired' || view.state === 'not-yet-valid')) view.statusProblem = problem;
  return view;
}

export async function verifyCredentials(issuer: Issuer, credentials: readonly unknown[], nowMs: number, state: RevocationState = {}): Promise<CredentialView[]> {
  return (await checkAll(issuer, credentials, nowMs, state)).map((status) => viewOf(status, state.statusProblems));
}

export const certified = (statuses: readonly CredentialView[]) => statuses.some((s) => isCertified({ state: s.state, reason: s.reason }));

/** Fetches each status list the credentials name on the vendor's endpoint; says why for the others. */
async function fetchStatusLists(deps: CredentialDeps, endpoint: string, credentials: readonly unknown[]) {
  const lists: unknown[] = [];
  const problems: Record<string, string> = {};
  const byUrl = new Map<string, string[]>();
  for (const credential of credentials) {
    const url = statusListUrl(credential);
    const id = idOf(credential);
    if (url === undefined || id === undefined) continue;
    if (!isOnEndpoint(url, endpoint)) {
      problems[id] = t('credStatusElsewhere', url.slice(0, 200), endpoint);
      continue;
    }
    byUrl.set(url, [...(byUrl.get(url) ?? []), id]);
  }
  const unreachable = new Set<string>();
  await Promise.all(
    [...byUrl].map(async ([url, ids]) => {
      const answer = await callVendor({ fetch: deps.fetch, timeoutMs: deps.timeoutMs, url, nowMs: deps.now() });
      if (answer.ok) lists.push(answer.json);
      else for (const id of ids) unreachable.add(id);
    }),
  );
  return { lists, problems, unreachable };
}

/** What the vendor says about revocation now; what cannot be had now is kept as it was. */
export async function checkRevocation(
  deps: CredentialDeps,
  vendor: Pick<VendorRecord, 'endpoint' | 'issuer' | 'credentials' | 'revoked' | 'statusProblems'>,
): Promise<{ revoked: string[]; statusProblems: Record<string, string>; statuses: CredentialView[] }> {
  const [plain, fetched] = await Promise.all([fetchRevoked(deps, vendor.endpoint), fetchStatusLists(deps, vendor.endpoint, vendor.credentials)]);
  const revoked = new Set([...(vendor.revoked ?? []), ...(plain ?? [])]);
  const nowMs = deps.now();
  const checked = await checkAll(vendor.issuer, vendor.credentials, nowMs, { revoked: [...revoked], statusLists: fetched.lists });
  const statusProblems: Record<string, string> = { ...fetched.problems };
  checked.forEach((status, i) => {
    const id = status.credentialId ?? idOf(vendor.credentials[i]);
    if (id === undefined) return;
    if (status.state === 'revoked') revoked.add(id);
    // Unreachable now: what was known before stands (the sync status says the vendor is unreachable).
    else if (fetched.unreachable.has(id)) {
      if (vendor.statusProblems?.[id]) statusProblems[id] = vendor.statusProblems[id];
    }
    // A status list that does not check out is the vendor's fault: the credential keeps its own
    // state (what its signature and dates say), with the reason its revocation is unknown.
    else if (status.code === 'status-unverified') statusProblems[id] = t('credStatusUnverified', status.reason);
  });
  const state = { revoked: [...revoked], statusProblems };
  return { ...state, statuses: await verifyCredentials(vendor.issuer, vendor.credentials, nowMs, state) };
}

/** Re-checks revocation and re-verifies; keeps what it knew when the vendor is unreachable. */
export async function refreshCredentials(deps: CredentialDeps & { db: DbHandle }, vendor: VendorRecord): Promise<void> {
  const { revoked, statusProblems, statuses } = await checkRevocation(deps, vendor);
  const db = await deps.db.get();
  const tx = db.transaction('vendors', 'readwrite');
  const current = await tx.store.get(vendor.id);
  await Promise.all([current ? tx.store.put({ ...current, revoked, statusProblems, credentialStatuses: statuses }) : undefined, tx.done]);
}

export interface CredentialExport {
  fileName: string;
  /** The signed credential exactly as the vendor issued it, for any Open Badges verifier or wallet. */
  json: string;
  /** Where the vendor serves it (GET /v1/credentials/:id), for a link or QR code; only for credentials naming the vendor's DID. */
  url?: string;
}

const fileSafe = (text: unknown) => (typeof text === 'string' ? text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) : '');

/** One enrolled credential, to save as a file or share as a link; null when there is no such credential. */
export function exportCredential(vendor: VendorRecord, credentialId: string): CredentialExport | null {
  const credential = vendor.credentials.find((c) => idOf(c) === credentialId);
  if (credential === undefined) return null;
  const achievement = field(field(credential, 'credentialSubject'), 'achievement');
  const name = [vendor.id, field(achievement, 'productId'), field(achievement, 'level')].map(fileSafe).filter(Boolean).join('-');
  const published = vendor.issuer.did !== undefined && trustedIssuerFor(vendor.issuer, credential).id === vendor.issuer.did;
  return {
    fileName: `certification-${name || 'advocate'}.json`,
    json: `${JSON.stringify(credential, null, 2)}\n`,
    ...(published ? { url: vendorUrl(vendor.endpoint, `/v1/credentials/${encodeURIComponent(credentialId)}`) } : {}),
  };
}
