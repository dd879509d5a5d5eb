// Standard Webhooks, verified with the `standardwebhooks` package. The tolerance check reads the
// endpoint's own clock (tests move it), so the package's timestamp step is replaced by ours;
// the signature scheme and the constant-time comparison are the package's.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../core/protocol/webhook';
import { HttpError } from '../http/problem';

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export class WebhookVerifier {
  private readonly webhook: Webhook;

  constructor(secret: string, now: () => Date) {
    this.webhook = new Webhook(secret);
    (this.webhook as unknown as { verifyTimestamp(header: string): Date }).verifyTimestamp = (header) => checkTimestamp(header, now());
  }

  /** Throws an HttpError saying exactly what is wrong; returns the webhook id when authentic. */
  verify(headers: WebhookHeaders, body: string): string {
    const { id, timestamp, signature } = headers;
    if (!id || !timestamp || !signature) {
      throw new HttpError(400, 'webhook-headers-missing', 'A billing webhook needs the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).');
    }
    if (id.length > 200) throw new HttpError(400, 'webhook-headers-missing', 'webhook-id is longer than 200 characters.');
    try {
      this.webhook.verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof WebhookVerificationError) {
        throw new HttpError(401, 'webhook-signature-invalid', 'No webhook signature matches: check the signing secret and that the body is sent unchanged.');
      }
      throw error;
    }
    return id;
  }
}

function checkTimestamp(header: string, now: Date): Date {
  if (!/^\d{1,12}$/.test(header)) throw new HttpError(400, 'webhook-timestamp-invalid', 'webhook-timestamp must be whole seconds since the Unix epoch.');
  const skew = Math.abs(now.getTime() / 1000 - Number(header));
  if (skew > WEBHOOK_TOLERANCE_SECONDS) {
    throw new HttpError(401, 'webhook-timestamp-out-of-tolerance', `The webhook timestamp is ${Math.round(skew)} s away from the endpoint's clock; at most ${WEBHOOK_TOLERANCE_SECONDS} s is accepted.`);
  }
  return new Date(Number(header) * 1000);
}

/** Signs like a billing system would (tests, the README's example): `v1,<base64>`. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
}
