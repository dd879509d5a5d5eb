// Standard Webhooks verification: HMAC-SHA256 over `id.timestamp.body`, base64, `v1,` prefix,
// several signatures allowed (secret rotation), 5-minute tolerance, constant-time compare.
import { createHmac } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../core/protocol/webhook';
import { HttpError } from '../http/problem';
import { constantTimeEqual } from './secrets';

export function webhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/** Throws an HttpError saying exactly what is wrong; returns the webhook id when authentic. */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined>, body: Buffer, nowMs: number): string {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = one('webhook-id');
  const timestamp = one('webhook-timestamp');
  const signatures = one('webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new HttpError(400, 'webhook-headers-missing', 'A billing webhook needs the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).');
  }
  if (id.length > 200) throw new HttpError(400, 'webhook-headers-missing', 'webhook-id is longer than 200 characters.');
  if (!/^\d{1,12}$/.test(timestamp)) throw new HttpError(400, 'webhook-timestamp-invalid', 'webhook-timestamp must be whole seconds since the Unix epoch.');
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > WEBHOOK_TOLERANCE_SECONDS) {
    throw new HttpError(401, 'webhook-timestamp-out-of-tolerance', `The webhook timestamp is ${Math.round(skew)} s away from the endpoint's clock; at most ${WEBHOOK_TOLERANCE_SECONDS} s is accepted.`);
  }
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), 'base64');
  const match = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .some((s) => constantTimeEqual(Buffer.from(s.slice(3), 'base64'), expected));
  if (!match) throw new HttpError(401, 'webhook-signature-invalid', 'No webhook signature matches: check the signing secret and that the body is sent unchanged.');
  return id;
}
