// Text a person typed or a vendor sent: NFC, no control or bidirectional-override characters
// (they can disguise a name or an order id), trimmed and bounded.
import * as v from 'valibot';

// C0/C1 controls except tab and newline, plus the bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** NFC-normalised, unsafe characters removed, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(UNSAFE, '').trim();
}

const cleaned = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.transform(cleanText),
    v.maxLength(max, `${what} is longer than ${max} characters`),
  );

/** Required text: cleaned, not empty, at most `max` characters. */
export const requiredText = (what: string, max: number) => v.pipe(cleaned(what, max), v.nonEmpty(`${what} must not be empty`));

/** Optional text: cleaned, and an empty answer counts as no answer. */
export const optionalText = (what: string, max: number) =>
  v.optional(v.pipe(cleaned(what, max), v.transform((s) => (s === '' ? undefined : s))));
