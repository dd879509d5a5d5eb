// Small building blocks shared by the protocol schemas.
import * as v from 'valibot';
import { isDateTime } from '../credential/schema';

export const uuid = v.pipe(
  v.string('must be a string'),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a lower-case UUID (v4 or v7)'),
);

export const dateTime = v.pipe(
  v.string('must be a string'),
  v.check(isDateTime, 'must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z'),
);

/** A short identifier such as a vendor, product or offer id. */
export const slugId = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 lower-case letters, digits, ".", "_" or "-"'),
);

export const text = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`));
export const nonEmptyText = (max: number) =>
  v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

export const httpUrl = v.pipe(
  v.string('must be a string'),
  v.maxLength(2048, 'must be at most 2048 characters'),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

/** A DNS host name, lower-cased, no port. */
export const domain = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com'),
);

export const currency = v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'));

/** Integer minor units (cents). */
export const amount = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer number of minor units (cents)'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(1_000_000_000_000, 'is too large'),
);

export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
