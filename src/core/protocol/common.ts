// Small building blocks shared by the protocol schemas. The shared concepts live in core/schema;
// these names are the wire's view of them.
import * as v from 'valibot';
import * as schema from '../schema';

export const uuid = schema.uuid();
/** Any RFC 3339 date-time with a zone; normalised to canonical UTC at this boundary. */
export const dateTime = schema.instant();
/** A short identifier such as a vendor, product or offer id. */
export const slugId = schema.slug('id');
/** Optional free text: NFC, no control or bidi-override characters, bounded. */
export const text = (max: number, what = 'text') => v.pipe(v.string(`${what} must be text`), v.transform(schema.cleanText), v.maxLength(max, `${what} must be at most ${max} characters`));
export const nonEmptyText = (max: number, what = 'text') => schema.requiredText(what, max);
export const httpUrl = schema.webUrl('URL');
/** A DNS domain name, normalised (lower case, punycode, no www.). */
export const domain = schema.domainName('domain');

/** An e-mail address: cleaned, lower-cased, and its domain a real domain name. */
export const email = v.pipe(
  schema.requiredText('email', schema.LIMITS.email),
  v.toLowerCase(),
  v.check((s) => {
    const at = s.lastIndexOf('@');
    return at > 0 && !/[\s@]/.test(s.slice(0, at)) && schema.isDomainName(s.slice(at + 1));
  }, 'must be an email address such as dana@example.org'),
);

export const currency = v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'));

/** Integer minor units (cents). */
export const amount = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer number of minor units (cents)'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(1_000_000_000_000, 'is too large'),
);

/** A signed amount in minor units (a clawback is negative). */
export const signedAmount = v.pipe(v.number(), v.integer());

export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
