// Vendor staff routes behind the admin token: practitioners and enrolment codes, credential
// revocation, commissions (with their reasons), deal review, closing periods into statements.
import { ClosePeriodSchema, CreatePractitionerSchema, IdsSchema, type CommissionReason, type CommissionView, type DealView } from '../../core/protocol/admin';
import type { Deps } from '../context';
import { lockFor } from '../db/create';
import { revokeCertification } from '../domain/credentials';
import { buildDashboard, commissionsCsv } from '../domain/dashboard';
import { closePeriod, getStatement, listStatements, markPaid, statementCsv } from '../domain/payouts';
import { createPractitioner, issueEnrolmentCode } from '../domain/practitioners';
import { readJson } from '../http/body';
import { HttpError, jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';
import { csvResponse } from './practitioner';

type Table = 'commissions' | 'deals';

/** Moves rows from one state to another, reporting each id it could not move and why. */
async function transition(deps: Deps, table: Table, ids: string[], from: string, to: string, why: (row: Record<string, unknown>) => string | null) {
  const nowIso = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockFor(trx, 'billing');
    const rows = (await trx.selectFrom(table).selectAll().where('id', 'in', ids).execute()) as Record<string, unknown>[];
    const found = new Map(rows.map((r) => [r.id as string, r]));
    const skipped: { id: string; reason: string }[] = [];
    const movable: string[] = [];
    for (const id of new Set(ids)) {
      const row = found.get(id);
      const state = row ? ((row.state ?? row.status) as string) : null;
      const objection = row ? why(row) : null;
      if (!row) skipped.push({ id, reason: `no such ${table === 'deals' ? 'deal' : 'commission'}` });
      else if (objection) skipped.push({ id, reason: objection });
      else if (state !== from) skipped.push({ id, reason: `is ${state}, not ${from}` });
      else movable.push(id);
    }
    if (movable.length > 0) {
      if (table === 'commissions') await trx.updateTable('commissions').set({ state: to, updated_at: nowIso }).where('id', 'in', movable).where('state', '=', from).execute();
      else await trx.updateTable('deals').set({ status: to, reviewed_at: nowIso }).where('id', 'in', movable).where('status', '=', from).execute();
    }
    return { updated: movable.length, skipped };
  });
}

async function listCommissions(deps: Deps, state: string | undefined): Promise<CommissionView[]> {
  let query = deps.db
    .selectFrom('commissions')
    .innerJoin('conversions', 'conversions.id', 'commissions.conversion_id')
    .selectAll('commissions')
    .select('conversions.order_id')
    .orderBy('commissions.created_at')
    .orderBy('commissions.id');
  if (state) query = query.where('commissions.state', '=', state);
  return (await query.execute()).map((r) => ({
    id: r.id,
    kind: r.kind === 'clawback' ? 'clawback' : 'order',
    conversionId: r.conversion_id,
    orderId: r.order_id,
    practitionerId: r.practitioner_id,
    amount: Number(r.amount),
    gross: Number(r.gross),
    currency: r.currency,
    state: r.state as CommissionView['state'],
    selfReferral: r.self_referral === 1,
    statementId: r.statement_id,
    reason: JSON.parse(r.reason_json) as CommissionReason,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function listDeals(deps: Deps, status: string | undefined): Promise<DealView[]> {
  const now = deps.now().toISOString();
  let query = deps.db.selectFrom('deals').innerJoin('practitioners', 'practitioners.id', 'deals.practitioner_id').selectAll('deals').select('practitioners.display_name').orderBy('deals.received_at').orderBy('deals.id');
  if (status) query = query.where('deals.status', '=', status);
  return (await query.execute()).map((d) => ({
    id: d.id,
    practitionerId: d.practitioner_id,
    practitionerName: d.display_name,
    productId: d.product_id,
    customerName: d.customer_name,
    customerDomain: d.customer_domain,
    ...(d.expected_seats !== null ? { expectedSeats: Number(d.expected_seats) } : {}),
    ...(d.note !== null ? { note: d.note } : {}),
    status: d.status as DealView['status'],
    registeredAt: d.received_at,
    expiresAt: d.expires_at,
    expired: d.expires_at <= now,
    ...(d.reviewed_at ? { reviewedAt: d.reviewed_at } : {}),
  }));
}

export function adminRoutes(routes: Routes, deps: Deps): void {
  const admin = { auth: 'admin' as const };
  const withBody = { auth: 'admin' as const, body: true };
  const notExpired = (row: Record<string, unknown>) => ((row.expires_at as string) <= deps.now().toISOString() ? 'expired: the attribution window has passed' : null);
  routes
    .add('POST', '/v1/admin/practitioners', withBody, async (c) => {
      const body = await readJson(c, CreatePractitionerSchema);
      for (const cert of body.certifications ?? []) {
        if (!deps.products.has(cert.productId)) throw new HttpError(400, 'invalid-request', `certifications: there is no product "${cert.productId}" in the catalog.`, [{ path: 'certifications', message: `unknown product ${cert.productId}` }]);
      }
      return jsonResponse(await createPractitioner(deps.db, body, deps.now()), 201);
    })
    .add('POST', '/v1/admin/practitioners/:id/enrolment-code', admin, async (c) => {
      const id = c.req.param('id')!;
      const issued = await issueEnrolmentCode(deps.db, id, deps.now());
      if (!issued) throw new HttpError(404, 'practitioner-not-found', `There is no practitioner ${id}.`);
      return jsonResponse({ practitionerId: id, enrolmentCode: issued.code, expiresAt: issued.expiresAt }, 201);
    })
    .add('POST', '/v1/admin/credentials/:id/revoke', admin, async (c) => {
      await revokeCertification(deps, c.req.param('id')!);
      return c.body(null, 204);
    })
    .add('GET', '/v1/admin/commissions', admin, async (c) => jsonResponse({ commissions: await listCommissions(deps, c.req.query('state')) }))
    .add('POST', '/v1/admin/commissions/approve', withBody, async (c) =>
      jsonResponse(await transition(deps, 'commissions', (await readJson(c, IdsSchema)).ids, 'pending', 'approved', (row) => (row.self_referral ? 'self-referral: not payable' : null))),
    )
    .add('GET', '/v1/admin/deals', admin, async (c) => jsonResponse({ deals: await listDeals(deps, c.req.query('status')) }))
    .add('POST', '/v1/admin/deals/approve', withBody, async (c) => jsonResponse(await transition(deps, 'deals', (await readJson(c, IdsSchema)).ids, 'pending', 'approved', notExpired)))
    .add('POST', '/v1/admin/deals/decline', withBody, async (c) => jsonResponse(await transition(deps, 'deals', (await readJson(c, IdsSchema)).ids, 'pending', 'declined', () => null)))
    .add('POST', '/v1/admin/payouts', withBody, async (c) => {
      const body = await readJson(c, ClosePeriodSchema);
      const statements = await closePeriod(deps, body.periodEnd ? new Date(body.periodEnd) : deps.now());
      return jsonResponse({ statements: statements.map((statement) => ({ statement, paidAt: null })) }, 201);
    })
    .add('GET', '/v1/admin/statements', admin, async () => jsonResponse({ statements: await listStatements(deps) }))
    .add('GET', '/v1/admin/statements/:id', admin, async (c) => jsonResponse(await getStatement(deps, c.req.param('id')!)))
    .add('GET', '/v1/admin/statements/:id/csv', admin, async (c) => {
      const { statement } = await getStatement(deps, c.req.param('id')!);
      return csvResponse(statementCsv(statement), `statement-${statement.id}.csv`);
    })
    .add('POST', '/v1/admin/statements/:id/paid', admin, async (c) => jsonResponse(await markPaid(deps, c.req.param('id')!)))
    .add('GET', '/v1/admin/dashboard', admin, async () => jsonResponse(await buildDashboard(deps)))
    .add('GET', '/v1/admin/commissions.csv', admin, async () => csvResponse(await commissionsCsv(deps), 'commissions.csv'));
}
