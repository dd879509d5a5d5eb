// `npm run demo:convert -- <referral link or code>`: what a vendor's billing system does when the
// referred customer pays: one order.paid, signed as Standard Webhooks with the endpoint's webhook
// secret, posted to the local endpoint. It lets a newcomer see a conversion without writing code.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normaliseReferralCode, referralCodeInLink } from '../src/core/referral';
import { signWebhook } from '../src/endpoint/domain/webhook-signature';

export interface DemoOrder {
  referralCode: string;
  /** Whole currency units (dollars), as a person types them. */
  amount: number;
  productId: string;
  offerId: string;
  at: Date;
  orderId?: string;
}

/** The code inside a referral link the popup created, or the code itself. */
export function referralCodeOf(input: string): string {
  const code = referralCodeInLink(input) ?? normaliseReferralCode(input);
  if (!code) throw new Error(`"${input}" is neither a referral link nor a referral code: copy the link the popup created.`);
  return code;
}

export function signedOrderPaid(secret: string, order: DemoOrder): { headers: Record<string, string>; body: string } {
  if (!Number.isFinite(order.amount) || order.amount <= 0) throw new Error(`The amount must be a positive number of dollars, not ${order.amount}.`);
  const body = JSON.stringify({
    type: 'order.paid',
    data: {
      orderId: order.orderId ?? `demo-${randomUUID()}`,
      referralCode: order.referralCode,
      productId: order.productId,
      offerId: order.offerId,
      amount: Math.round(order.amount * 100),
      currency: 'USD',
      occurredAt: order.at.toISOString(),
    },
  });
  const id = `msg_${randomUUID()}`;
  const seconds = Math.floor(order.at.getTime() / 1000);
  return { body, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(seconds), 'webhook-signature': signWebhook(secret, id, seconds, body) } };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      amount: { type: 'string', default: '1000' },
      product: { type: 'string', default: 'mysql' },
      offer: { type: 'string', default: 'mysql-enterprise' },
      endpoint: { type: 'string', default: process.env.ENDPOINT_URL ?? 'http://127.0.0.1:8787' },
      data: { type: 'string', default: process.env.DATA_DIR ?? 'data' },
    },
  });
  if (positionals.length !== 1) throw new Error('Usage: npm run demo:convert -- <referral link or code> [--amount 1000] [--product mysql] [--offer mysql-enterprise]');
  const secretFile = join(values.data, 'webhook-secret');
  let secret = process.env.WEBHOOK_SECRET;
  try {
    secret ??= readFileSync(secretFile, 'utf8').trim();
  } catch {
    throw new Error(`No webhook secret: start the endpoint with \`npm start\` first (it writes ${secretFile}), or set WEBHOOK_SECRET.`);
  }
  const delivery = signedOrderPaid(secret, { referralCode: referralCodeOf(positionals[0]!), amount: Number(values.amount), productId: values.product, offerId: values.offer, at: new Date() });
  const url = new URL('/v1/webhooks/billing', values.endpoint);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', ...delivery });
  } catch {
    throw new Error(`Could not reach the endpoint at ${values.endpoint}: is \`npm start\` running?`);
  }
  const answer = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  if (!response.ok) throw new Error(`The endpoint refused the order (${response.status}): ${answer.detail ?? answer.title ?? 'no reason given'}`);
  console.log(`Order of $${Number(values.amount).toFixed(2)} posted as the vendor's billing would: open the popup's Activity tab (Sync now) to see the conversion and its commission.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
