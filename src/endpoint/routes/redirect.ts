// GET /r/:code — verify the code's MAC, count the click, redirect to the offer. Only a top-level
// navigation counts: an image, script, iframe or prefetch request for the link is redirected
// like any other but never counted, so a link stuffed into someone's page earns nothing. The
// answer waits until the click is committed. A forged or unknown code still redirects (to the
// plain offer page) and counts nothing.
//
// This is the vendor's hottest path, so the same logic is served two ways: as a hono route
// (app.request in tests) and as a plain Node listener that server.ts puts in front of hono.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problem } from '../../core/protocol/problem';
import { normaliseReferralCode } from '../../core/referral/code';
import type { Deps } from '../context';
import { addressKey, clientAddress, forwardedAddress } from '../http/address';
import { HttpError } from '../http/problem';
import type { Routes } from '../http/routes';

const HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

function withRef(offerUrl: string, code: string): string {
  if (offerUrl.includes('#')) {
    const target = new URL(offerUrl);
    target.searchParams.set('ref', code);
    return target.toString();
  }
  return `${offerUrl}${offerUrl.includes('?') ? '&' : '?'}ref=${code}`;
}

export interface Visit {
  method: string;
  code: string;
  offer: string | undefined;
  header(name: string): string | undefined;
  address: string;
}

/** A visit by a person: a top-level navigation (Fetch Metadata where the browser sends it), not a probe or prefetch. */
export function isNavigation(visit: Pick<Visit, 'method' | 'header'>): boolean {
  if (visit.method !== 'GET') return false; // HEAD: link previewers
  const dest = visit.header('sec-fetch-dest');
  const mode = visit.header('sec-fetch-mode');
  if (dest !== undefined && dest !== 'document') return false;
  if (mode !== undefined && mode !== 'navigate') return false;
  const purpose = [visit.header('sec-purpose'), visit.header('purpose'), visit.header('x-purpose'), visit.header('x-moz')].filter(Boolean).join(' ');
  return !/prefetch|prerender|preview/i.test(purpose);
}

const NOT_SYNCED_TTL_MS = 1000;

async function offerForCode(deps: Deps, code: string, requested: string | undefined): Promise<string> {
  const cached = deps.referralOffers.get(code);
  let synced = cached && cached.until > Date.now() ? cached.offerId : undefined;
  if (synced === undefined) {
    synced = (await deps.db.selectFrom('referrals').select('offer_id').where('code', '=', code).executeTakeFirst())?.offer_id ?? null;
    // A miss is remembered briefly: ingest on this instance overwrites it, another instance's is seen a second later.
    deps.referralOffers.set(code, { offerId: synced, until: synced ? Infinity : Date.now() + NOT_SYNCED_TTL_MS });
  }
  if (synced) return synced;
  // Not synced yet: the link may name its offer.
  return requested && deps.offers.has(requested) ? requested : deps.defaultOffer.id;
}

/** Where the visitor goes; a counted click is committed before this resolves. Throws 429 when over the limit. */
export async function visit(deps: Deps, v: Visit): Promise<string> {
  const wait = deps.buckets.redirectPerAddress?.take(addressKey(v.address)) ?? 0;
  if (wait > 0) throw new HttpError(429, 'rate-limited', `Too many requests from this address; retry after ${wait} s.`, undefined, { 'retry-after': String(wait) });
  const code = normaliseReferralCode(v.code);
  const owner = code ? await deps.codes.owner(code) : null;
  if (!code || !owner) {
    const known = v.offer ? deps.offers.get(v.offer) : undefined;
    return known ? known.offer.url : deps.plainOfferUrl;
  }
  const offerId = await offerForCode(deps, code, v.offer);
  // The vendor's checkout carries `ref` into the billing webhook. Codes are URL-safe base32.
  const location = withRef(deps.offers.get(offerId)!.offer.url, code);
  if (!isNavigation(v)) return location;
  const now = deps.now();
  const day = now.toISOString().slice(0, 10);
  const visitorHash = await deps.clicks.visitorHash(day, v.address, v.header('user-agent') ?? '');
  await deps.clicks.record({ code, practitioner_id: owner.practitionerId, offer_id: offerId, day, visitor_hash: visitorHash, clicked_at: now.toISOString() });
  return location;
}

export function redirectRoutes(routes: Routes, deps: Deps): void {
  routes.add('GET', '/r/:code', { auth: 'none', hot: true }, async (c) => {
    const location = await visit(deps, { method: c.req.method, code: c.req.param('code') ?? '', offer: c.req.query('o'), header: (n) => c.req.header(n), address: clientAddress(c, deps.settings.trustProxy) });
    return new Response(null, { status: 302, headers: { location, ...HEADERS } });
  });
}

/** The same route as a plain Node listener; returns false for any request that is not GET/HEAD /r/<code>. */
export function redirectListener(deps: Deps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith('/r/')) return false;
    const q = url.indexOf('?');
    const raw = url.slice(3, q === -1 ? undefined : q);
    if (raw === '' || raw.includes('/')) return false;
    let code = raw;
    try {
      code = decodeURIComponent(raw);
    } catch {
      // broken escapes: not a code, answered as a forged one
    }
    const offer = q === -1 ? undefined : (new URLSearchParams(url.slice(q + 1)).get('o') ?? undefined);
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const address = (deps.settings.trustProxy ? forwardedAddress(header('x-forwarded-for')) : null) ?? req.socket.remoteAddress ?? '';
    visit(deps, { method: req.method, code, offer, header, address }).then(
      (location) => {
        res.writeHead(302, { location, ...HEADERS, 'content-length': 0 });
        res.end();
      },
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (!(error instanceof HttpError)) deps.log.error(`GET ${url} failed`, error);
        const detail = error instanceof HttpError ? error.message : 'The endpoint failed to handle this request. Try again later.';
        const body = JSON.stringify(problem(status, error instanceof HttpError ? error.slug : 'internal-error', detail));
        res.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...(error instanceof HttpError ? error.headers : {}) });
        res.end(body);
      },
    );
    return true;
  };
}
