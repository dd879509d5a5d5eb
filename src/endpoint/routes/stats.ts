// GET /v1/stats — the calling practitioner's own referrals, clicks, conversions and commission.
import type { CommissionByState, ReferralStats, StatsResponse } from '../../core/protocol/stats';
import { sendJson } from '../http/problem';
import type { AppRoute } from './types';

const emptyCommission = (): CommissionByState => ({ pending: 0, approved: 0, paid: 0, reversed: 0 });

function addCommission(into: CommissionByState, state: string, amount: number): void {
  if (state === 'pending' || state === 'approved' || state === 'paid' || state === 'reversed') into[state] += amount;
}

export const statsRoute: AppRoute = {
  method: 'GET',
  path: '/v1/stats',
  auth: 'practitioner',
  cors: true,
  handle: async ({ res, app, practitionerId }) => {
    await app.clicks.flush();
    const db = app.db;
    const [referrals, clicks, conversions, commissions] = await Promise.all([
      db.selectFrom('referrals').select(['id', 'code', 'product_id', 'offer_id']).where('practitioner_id', '=', practitionerId).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('clicks').select(['code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('clicked_at').as('last')]).where('practitioner_id', '=', practitionerId).groupBy('code').execute(),
      db.selectFrom('conversions').select(['code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('occurred_at').as('last')]).where('practitioner_id', '=', practitionerId).groupBy('code').execute(),
      db
        .selectFrom('commissions')
        .innerJoin('conversions', 'conversions.id', 'commissions.conversion_id')
        .select(['conversions.code', 'commissions.state', (eb) => eb.fn.sum<number>('commissions.amount').as('total')])
        .where('commissions.practitioner_id', '=', practitionerId)
        .groupBy(['conversions.code', 'commissions.state'])
        .execute(),
    ]);
    const clicksByCode = new Map(clicks.map((c) => [c.code, c]));
    const conversionsByCode = new Map(conversions.map((c) => [c.code, c]));
    const totals = { referrals: referrals.length, clicks: 0, conversions: 0, commission: emptyCommission() };
    for (const c of clicks) totals.clicks += Number(c.n);
    for (const c of conversions) totals.conversions += Number(c.n);
    const commissionByCode = new Map<string, CommissionByState>();
    for (const row of commissions) {
      addCommission(totals.commission, row.state, Number(row.total));
      if (row.code === null) continue;
      const entry = commissionByCode.get(row.code) ?? emptyCommission();
      addCommission(entry, row.state, Number(row.total));
      commissionByCode.set(row.code, entry);
    }
    const perReferral: ReferralStats[] = referrals.map((r) => {
      const click = clicksByCode.get(r.code);
      const conversion = conversionsByCode.get(r.code);
      return {
        id: r.id,
        code: r.code,
        productId: r.product_id,
        offerId: r.offer_id,
        clicks: Number(click?.n ?? 0),
        conversions: Number(conversion?.n ?? 0),
        commission: commissionByCode.get(r.code) ?? emptyCommission(),
        ...(click?.last ? { lastClickAt: String(click.last) } : {}),
        ...(conversion?.last ? { lastConversionAt: String(conversion.last) } : {}),
      };
    });
    const body: StatsResponse = { practitionerId, currency: app.currency, generatedAt: app.now().toISOString(), totals, referrals: perReferral };
    sendJson(res, 200, body);
  },
};
