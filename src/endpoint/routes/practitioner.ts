// The calling practitioner's own figures: GET /v1/stats (referrals, clicks, conversions,
// commission) and GET /v1/statements (payout statements, JSON or one as CSV).
import type { ReferralStats, StatsResponse } from '../../core/protocol/stats';
import type { CommissionByState } from '../../core/protocol/stats';
import type { Deps } from '../context';
import { getStatement, listStatements, statementCsv } from '../domain/payouts';
import { addRow, emptyCommission } from '../domain/totals';
import { jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

async function stats(deps: Deps, practitionerId: string): Promise<StatsResponse> {
  const db = deps.db;
  const [referrals, clicks, conversions, commissions] = await Promise.all([
    db.selectFrom('referrals').select(['id', 'code', 'product_id', 'offer_id']).where('practitioner_id', '=', practitionerId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('clicks').select(['code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('clicked_at').as('last')]).where('practitioner_id', '=', practitionerId).groupBy('code').execute(),
    db.selectFrom('conversions').select(['code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('occurred_at').as('last')]).where('practitioner_id', '=', practitionerId).groupBy('code').execute(),
    db
      .selectFrom('commissions')
      .innerJoin('conversions', 'conversions.id', 'commissions.conversion_id')
      .select(['conversions.code', 'commissions.kind', 'commissions.state', 'commissions.amount', 'commissions.gross'])
      .where('commissions.practitioner_id', '=', practitionerId)
      .execute(),
  ]);
  const clicksByCode = new Map(clicks.map((c) => [c.code, c]));
  const conversionsByCode = new Map(conversions.map((c) => [c.code, c]));
  const totals = { referrals: referrals.length, clicks: 0, conversions: 0, commission: emptyCommission() };
  for (const c of clicks) totals.clicks += Number(c.n);
  for (const c of conversions) totals.conversions += Number(c.n);
  const commissionByCode = new Map<string, CommissionByState>();
  for (const row of commissions) {
    const values = { kind: row.kind, state: row.state, amount: Number(row.amount), gross: Number(row.gross) };
    addRow(totals.commission, values);
    if (row.code === null) continue;
    const entry = commissionByCode.get(row.code) ?? emptyCommission();
    addRow(entry, values);
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
  return { practitionerId, currency: deps.currency, generatedAt: deps.now().toISOString(), totals, referrals: perReferral };
}

export const csvResponse = (csv: string, filename: string) =>
  new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });

export function practitionerRoutes(routes: Routes, deps: Deps): void {
  routes
    .add('GET', '/v1/stats', { auth: 'practitioner', cors: true }, async (c) => jsonResponse(await stats(deps, c.get('practitioner').id)))
    .add('GET', '/v1/statements', { auth: 'practitioner', cors: true }, async (c) => jsonResponse({ statements: await listStatements(deps, c.get('practitioner').id) }))
    .add('GET', '/v1/statements/:id', { auth: 'practitioner', cors: true }, async (c) => jsonResponse(await getStatement(deps, c.req.param('id')!, c.get('practitioner').id)))
    .add('GET', '/v1/statements/:id/csv', { auth: 'practitioner', cors: true }, async (c) => {
      const { statement } = await getStatement(deps, c.req.param('id')!, c.get('practitioner').id);
      return csvResponse(statementCsv(statement), `statement-${statement.id}.csv`);
    });
}
