// Shared pieces for validating what the practitioner typed: one error type and the field rules
// referrals and deals have in common.
import * as v from 'valibot';
import { describeIssues } from '../describe-issues';

/** Bad input for a referral, link, disclosure or deal; the message says what to fix. */
export class ReferralInputError extends Error {
  override name = 'ReferralInputError';
}

/** An http(s) URL, or null: the only kinds of link Advocate shares or records. */
export function parseWebUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input);
  if (!parsed.success) throw new ReferralInputError(`Invalid ${what}: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

/** Catalog ids are lower-case slugs ("mysql", "red-hat"). */
export const slug = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${what} must be a lower-case slug such as "mysql" or "red-hat"`),
  );

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const uuid = v.pipe(v.string('id must be text'), v.regex(UUID_PATTERN, 'id must be a lower-case UUID (v4 or v7)'));

export const isoTime = v.pipe(
  v.string('time must be text'),
  v.check((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && Number.isFinite(Date.parse(s)), 'must be an ISO 8601 UTC time'),
);

/** Optional free text: trimmed, and an empty answer counts as no answer. */
export const optionalText = (what: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${what} must be text`),
      v.trim(),
      v.maxLength(max, `${what} is longer than ${max} characters`),
      v.check((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), `${what} must not contain control characters`),
      v.transform((s) => (s === '' ? undefined : s)),
    ),
  );

export function assertValidDate(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ReferralInputError('now must be a valid Date');
  return now.toISOString();
}

export function newId(randomId: (() => string) | undefined): string {
  const id = (randomId ?? (() => crypto.randomUUID()))();
  if (!UUID_PATTERN.test(id)) throw new ReferralInputError(`randomId returned "${id}", not a lower-case UUID (v4 or v7)`);
  return id;
}
