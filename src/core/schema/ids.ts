// Identifiers: catalog slugs (vendor, product, offer ids) and client-generated UUIDs.
import * as v from 'valibot';
import { LIMITS } from './limits';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A catalog id: a lower-case slug such as "mysql" or "red-hat". */
export const slug = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.maxLength(LIMITS.id, `${what} is longer than ${LIMITS.id} characters`),
    v.regex(SLUG_PATTERN, `${what} must be a lower-case slug such as "mysql" or "red-hat"`),
  );

/** A lower-case UUID (v4 or v7), as the extension generates for referrals and deals. */
export const uuid = (what = 'id') => v.pipe(v.string(`${what} must be text`), v.regex(UUID_PATTERN, `${what} must be a lower-case UUID (v4 or v7)`));

/** A fresh id from `randomId` (default crypto.randomUUID), checked. */
export function newId(randomId?: () => string): string {
  const id = (randomId ?? (() => crypto.randomUUID()))();
  if (!UUID_PATTERN.test(id)) throw new TypeError(`randomId returned "${id}", not a lower-case UUID (v4 or v7)`);
  return id;
}
