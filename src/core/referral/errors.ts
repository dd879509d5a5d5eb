// The one error for bad referral, link, disclosure or deal input, and the parse that raises it.
import * as v from 'valibot';
import { describeIssues } from '../describe-issues';

/** Bad input for a referral, link, disclosure or deal; the message says what to fix. */
export class ReferralInputError extends Error {
  override name = 'ReferralInputError';
}

export function parseOrThrow<S extends v.GenericSchema>(shape: S, input: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(shape, input);
  if (!parsed.success) throw new ReferralInputError(`Invalid ${what}: ${describeIssues(parsed.issues)}`);
  return parsed.output;
}
