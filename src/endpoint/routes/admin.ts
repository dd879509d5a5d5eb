// Vendor staff routes behind the admin token.
import { CommissionIdsSchema, CreatePractitionerSchema } from '../../core/protocol/admin';
import type { App } from '../app';
import { buildDashboard, commissionsCsv } from '../domain/dashboard';
import { createPractitioner } from '../domain/practitioners';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/problem';
import type { AppRoute } from './types';

async function transition(app: App, ids: string[], from: string, to: string) {
  return app.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('commissions').select(['id', 'state', 'self_referral']).where('id', 'in', ids).execute();
    const found = new Map(rows.map((r) => [r.id, r]));
    const skipped: { id: string; reason: string }[] = [];
    const movable: string[] = [];
    for (const id of new Set(ids)) {
      const row = found.get(id);
      if (!row) skipped.push({ id, reason: 'no such commission' });
      else if (row.self_referral) skipped.push({ id, reason: 'self-referral: not payable' });
      else if (row.state !== from) skipped.push({ id, reason: `is ${row.state}, not ${from}` });
      else movable.push(id);
    }
    if (movable.length > 0) {
      await trx.updateTable('commissions').set({ state: to, updated_at: app.now().toISOString() }).where('id', 'in', movable).where('state', '=', from).execute();
    }
    return { updated: movable.length, skipped };
  });
}

export const adminRoutes: AppRoute[] = [
  {
    method: 'POST',
    path: '/v1/admin/practitioners',
    auth: 'admin',
    handle: async ({ req, res, app }) => {
      const body = await readJson(req, CreatePractitionerSchema);
      for (const cert of body.certifications ?? []) {
        if (!app.products.has(cert.productId)) throw new HttpError(400, 'invalid-request', `certifications: there is no product "${cert.productId}" in the catalog.`, [{ path: 'certifications', message: `unknown product ${cert.productId}` }]);
      }
      sendJson(res, 201, await createPractitioner(app.db, body, app.now()));
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/credentials/:id/revoke',
    auth: 'admin',
    handle: async ({ res, app, params }) => {
      const result = await app.db.updateTable('certifications').set({ revoked_at: app.now().toISOString() }).where('id', '=', params.id!).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await app.db.selectFrom('certifications').select('id').where('id', '=', params.id!).executeTakeFirst();
        if (!exists) throw new HttpError(404, 'credential-not-found', `No credential ${params.id} was issued by this vendor.`);
      }
      res.writeHead(204);
      res.end();
    },
  },
  {
    method: 'GET',
    path: '/v1/admin/commissions',
    auth: 'admin',
    handle: async ({ res, app, url }) => {
      const state = url.searchParams.get('state');
      let query = app.db.selectFrom('commissions').select(['id', 'conversion_id', 'practitioner_id', 'amount', 'currency', 'state', 'self_referral', 'note', 'created_at', 'updated_at']).orderBy('created_at').orderBy('id');
      if (state) query = query.where('state', '=', state);
      const rows = await query.execute();
      sendJson(res, 200, {
        commissions: rows.map((r) => ({
          id: r.id,
          conversionId: r.conversion_id,
          practitionerId: r.practitioner_id,
          amount: Number(r.amount),
          currency: r.currency,
          state: r.state,
          selfReferral: r.self_referral === 1,
          note: r.note,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        })),
      });
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/commissions/approve',
    auth: 'admin',
    handle: async ({ req, res, app }) => sendJson(res, 200, await transition(app, (await readJson(req, CommissionIdsSchema)).ids, 'pending', 'approved')),
  },
  {
    method: 'POST',
    path: '/v1/admin/commissions/pay',
    auth: 'admin',
    handle: async ({ req, res, app }) => sendJson(res, 200, await transition(app, (await readJson(req, CommissionIdsSchema)).ids, 'approved', 'paid')),
  },
  {
    method: 'GET',
    path: '/v1/admin/dashboard',
    auth: 'admin',
    handle: async ({ res, app }) => sendJson(res, 200, await buildDashboard(app)),
  },
  {
    method: 'GET',
    path: '/v1/admin/commissions.csv',
    auth: 'admin',
    handle: async ({ res, app }) => {
      const csv = await commissionsCsv(app);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="commissions.csv"',
        'content-length': Buffer.byteLength(csv),
        'cache-control': 'no-store',
      });
      res.end(csv);
    },
  },
];
