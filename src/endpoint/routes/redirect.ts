// GET /r/:code — verify the code's MAC, count the click, redirect to the offer. Only a top-level
// navigation counts: an image, script, iframe or prefetch request for the link is redirected
// like any other but never counted, so a link stuffed into someone's page earns nothing. The
// answer waits until the click is committed. A forged or unknown code still redirects (to the
// plain offer page) and counts nothing.
import type { Context } from 'hono';
import { normaliseReferralCode } from '../../core/referral/code';
import type { AppEnv, Deps } from '../context';
import { clientAddress } from '../http/address';
import type { Routes } from '../http/routes';

const redirect = (location: string) => new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });

function withRef(offerUrl: string, code: string): string {
  if (offerUrl.includes('#')) {
    const target = new URL(offerUrl);
    target.searchParams.set('ref', code);
    return target.toString();
  }
  return `${offerUrl}${offerUrl.includes('?') ? '&' : '?'}ref=${code}`;
}

/** A visit by a person: a top-level navigation (Fetch Metadata where the browser sends it), not a probe or prefetch. */
export function isNavigation(c: Context): boolean {
  if (c.req.method !== 'GET') return false; // HEAD: link previewers
  const dest = c.req.header('sec-fetch-dest');
  const mode = c.req.header('sec-fetch-mode');
  if (dest !== undefined && dest !== 'document') return false;
  if (mode !== undefined && mode !== 'navigate') return false;
  const purpose = [c.req.header('sec-purpose'), c.req.header('purpose'), c.req.header('x-purpose'), c.req.header('x-moz')].filter(Boolean).join(' ');
  return !/prefetch|prerender|preview/i.test(purpose);
}

async function offerForCode(deps: Deps, code: string, requested: string | undefined): Promise<string> {
  let synced = deps.referralOffers.get(code);
  if (synced === undefined) {
    // Remember misses too: ingest overwrites the entry when the referral arrives.
    synced = (await deps.db.selectFrom('referrals').select('offer_id').where('code', '=', code).executeTakeFirst())?.offer_id ?? null;
    if (deps.referralOffers.size >= 200_000) deps.referralOffers.clear(); // a bound, not an LRU: misses only cost a query
    deps.referralOffers.set(code, synced);
  }
  if (synced) return synced;
  // Not synced yet: the link may name its offer.
  return requested && deps.offers.has(requested) ? requested : deps.defaultOffer.id;
}

export function redirectRoutes(routes: Routes, deps: Deps): void {
  routes.add('GET', '/r/:code', { auth: 'none', hot: true }, async (c: Context<AppEnv>) => {
    const requested = c.req.query('o');
    const code = normaliseReferralCode(c.req.param('code') ?? '');
    const owner = code ? await deps.codes.owner(code) : null;
    if (!code || !owner) {
      const known = requested ? deps.offers.get(requested) : undefined;
      return redirect(known ? known.offer.url : deps.plainOfferUrl);
    }
    const offerId = await offerForCode(deps, code, requested);
    const location = withRef(deps.offers.get(offerId)!.offer.url, code);
    if (!isNavigation(c)) return redirect(location);
    const now = deps.now();
    const day = now.toISOString().slice(0, 10);
    const visitorHash = await deps.clicks.visitorHash(day, clientAddress(c, deps.settings.trustProxy), c.req.header('user-agent') ?? '');
    await deps.clicks.record({ code, practitioner_id: owner.practitionerId, offer_id: offerId, day, visitor_hash: visitorHash, clicked_at: now.toISOString() });
    // The vendor's checkout carries `ref` into the billing webhook. Codes are URL-safe base32.
    return redirect(location);
  });
}
