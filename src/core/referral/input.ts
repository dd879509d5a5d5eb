// Shared pieces for validating what the practitioner typed: one error type and the field rules
// referrals and deals have in common.
import * as v from 'valibot';
import { describeIssues } from '../describe-issues';
import * as schema from '../schema';
import { UUID_PATTERN } from '../schema';

export { optionalText, parseWebUrl, slug } from '../schema';

/** Bad input for a referral, link, disclosure or deal; the message says what to fix. */
export class ReferralInputError extends Error {
  override name = 'ReferralInputError';
}

export function parseOrThrow<S extends v.GenericSchema>(shape: S, input: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(shape, input);
  if (!parsed.success) throw new ReferralInputError(`Invalid ${what}: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}

export const uuid = schema.uuid();
export const isoTime = schema.instant('time');

export function assertValidDate(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ReferralInputError('now must be a valid Date');
  return now.toISOString();
}

export function newId(randomId: (() => string) | undefined): string {
  const id = (randomId ?? (() => crypto.randomUUID()))();
  if (!UUID_PATTERN.test(id)) throw new ReferralInputError(`randomId returned "${id}", not a lower-case UUID (v4 or v7)`);
  return id;
}
