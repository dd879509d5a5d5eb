// POST /v1/webhooks/billing — orders and refunds from the vendor's billing system, as Standard
// Webhooks. A webhook id is applied once; a refused event (bad body, unknown product, foreign
// currency, future time) records nothing, so the billing system can send it again once fixed.
import { BillingEventSchema } from '../../core/protocol/webhook';
import type { Deps } from '../context';
import { lockFor } from '../db/create';
import { applyOrder, applyRefund } from '../domain/conversions';
import { parseJson, rawBody, validate } from '../http/body';
import { jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

export function webhookRoutes(routes: Routes, deps: Deps): void {
  routes.add('POST', '/v1/webhooks/billing', { auth: 'none', body: true, signed: true }, async (c) => {
    const raw = await rawBody(c);
    const id = deps.webhooks.verify({ id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') }, raw);
    const event = validate(BillingEventSchema, parseJson(raw, c.req.header('content-type')), 'webhook body');
    const answer = await deps.db.transaction().execute(async (trx) => {
      // One billing event at a time across instances: the same id twice, or an order and its refund, may arrive together.
      await lockFor(trx, 'billing');
      const seen = await trx.selectFrom('webhooks').select('outcome').where('id', '=', id).executeTakeFirst();
      if (seen) return { received: true as const, duplicate: true, outcome: seen.outcome };
      const outcome = event.type === 'order.paid' ? await applyOrder(trx, deps, event.data) : await applyRefund(trx, deps, event.data, id);
      await trx.insertInto('webhooks').values({ id, type: event.type, received_at: deps.now().toISOString(), outcome }).execute();
      return { received: true as const, duplicate: false, outcome };
    });
    return jsonResponse(answer);
  });
}
