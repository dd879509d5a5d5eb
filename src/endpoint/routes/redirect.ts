// GET /r/:code — verify the code's MAC, count the click, redirect to the offer. A forged or
// unknown code still redirects (to the plain offer page) and counts nothing.
import { normaliseReferralCode } from '../../core/referral/code';
import type { App } from '../app';
import type { AppRoute } from './types';

function redirect(res: import('node:http').ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'content-length': 0 });
  res.end();
}

function withRef(offerUrl: string, code: string): string {
  if (offerUrl.includes('#')) {
    const target = new URL(offerUrl);
    target.searchParams.set('ref', code);
    return target.toString();
  }
  return `${offerUrl}${offerUrl.includes('?') ? '&' : '?'}ref=${code}`;
}

async function offerForCode(app: App, code: string, requested: string | null): Promise<string> {
  let synced = app.referralOffers.get(code);
  if (synced === undefined) {
    // Remember misses too: ingest overwrites the entry when the referral arrives.
    synced = (await app.db.selectFrom('referrals').select('offer_id').where('code', '=', code).executeTakeFirst())?.offer_id ?? null;
    if (app.referralOffers.size >= 200_000) app.referralOffers.clear(); // a bound, not an LRU: misses only cost a query
    app.referralOffers.set(code, synced);
  }
  if (synced) return synced;
  // Not synced yet: the link may name its offer.
  return requested && app.offers.has(requested) ? requested : app.defaultOffer.id;
}

export const redirectRoute: AppRoute = {
  method: 'GET',
  path: '/r/:code',
  auth: 'none',
  hot: true,
  handle: async ({ req, res, app, params, url, ip }) => {
    const requested = url.searchParams.get('o');
    const code = normaliseReferralCode(params.code!);
    const owner = code ? await app.codes.owner(code) : null;
    if (!code || !owner) {
      const known = requested ? app.offers.get(requested) : undefined;
      redirect(res, known ? known.offer.url : app.plainOfferUrl);
      return;
    }
    const offerId = await offerForCode(app, code, requested);
    if (req.method === 'HEAD') {
      // Link previewers probe with HEAD; only a real visit counts.
      redirect(res, withRef(app.offers.get(offerId)!.offer.url, code));
      return;
    }
    const now = app.now();
    const day = now.toISOString().slice(0, 10);
    const visitorHash = await app.clicks.visitorHash(day, ip, String(req.headers['user-agent'] ?? ''));
    app.clicks.record({ code, practitioner_id: owner.practitionerId, offer_id: offerId, day, visitor_hash: visitorHash, clicked_at: now.toISOString() });
    // The vendor's checkout carries `ref` into the billing webhook. Codes are URL-safe base32.
    redirect(res, withRef(app.offers.get(offerId)!.offer.url, code));
  },
};
