// POST /v1/webhooks/billing — conversions and refunds from the vendor's billing system.
import { BillingEventSchema } from '../../core/protocol/webhook';
import { applyBillingEvent } from '../domain/conversions';
import { verifyWebhook } from '../domain/webhook-signature';
import { parseJson, readBody, validate } from '../http/body';
import { sendJson } from '../http/problem';
import type { AppRoute } from './types';

export const webhookRoute: AppRoute = {
  method: 'POST',
  path: '/v1/webhooks/billing',
  auth: 'none', // authenticated by its signature instead of a bearer token
  handle: async ({ req, res, app }) => {
    const raw = await readBody(req);
    const id = verifyWebhook(app.state.webhookSecret, req.headers, raw, app.now().getTime());
    const event = validate(BillingEventSchema, parseJson(raw, req), 'webhook body');
    await app.clicks.flush();
    const answer = await app.db.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('webhooks').select('outcome').where('id', '=', id).executeTakeFirst();
      if (seen) return { received: true as const, duplicate: true, outcome: seen.outcome };
      const outcome = await applyBillingEvent(trx, app, event);
      await trx.insertInto('webhooks').values({ id, type: event.type, received_at: app.now().toISOString(), outcome }).execute();
      return { received: true as const, duplicate: false, outcome };
    });
    sendJson(res, 200, answer);
  },
};
