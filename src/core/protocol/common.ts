// Small building blocks shared by the protocol schemas.
import * as v from 'valibot';
import * as schema from '../schema';

// The shared concepts live in core/schema; these names are the wire's view of them.
export const uuid = schema.uuid();
/** Any RFC 3339 date-time with a zone; normalised to canonical UTC at this boundary. */
export const dateTime = schema.instant();
/** A short identifier such as a vendor, product or offer id. */
export const slugId = schema.slug('id');
export const text = (max: number) => v.pipe(v.string('must be a string'), v.transform(schema.cleanText), v.maxLength(max, `must be at most ${max} characters`));
export const nonEmptyText = (max: number) => schema.requiredText('text', max);
export const httpUrl = schema.webUrl('URL');
/** A DNS domain name, normalised (lower case, punycode, no www.). */
export const domain = schema.domainName('domain');

export const currency = v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'));

/** Integer minor units (cents). */
export const amount = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer number of minor units (cents)'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(1_000_000_000_000, 'is too large'),
);

export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
