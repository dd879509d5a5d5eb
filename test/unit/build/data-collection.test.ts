// The data table behind Firefox's data_collection_permissions and the privacy policy must name
// exactly the fields the extension puts on the wire and every route it calls.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { DealInputSchema, EnrolRequestSchema, ReferralInputSchema } from '../../../src/core/protocol';
import { DealSchema, ReferralSchema } from '../../../src/core/referral';
import { dataCollectionPermissions, HEADERS, requiredCategories, TRANSMISSIONS, type Transmission } from '../../../scripts/data-collection';

const keys = (schema: { entries: Record<string, unknown> }) => Object.keys(schema.entries).sort();
const fieldsOf = (t: Transmission) => Object.keys(t.fields).sort();

test('the referral, deal and enrolment fields are exactly those the extension builds and the protocol accepts', () => {
  expect(fieldsOf(TRANSMISSIONS.referral)).toEqual(keys(ReferralSchema));
  expect(fieldsOf(TRANSMISSIONS.referral)).toEqual(keys(ReferralInputSchema));
  expect(fieldsOf(TRANSMISSIONS.deal)).toEqual(keys(DealSchema));
  expect(fieldsOf(TRANSMISSIONS.deal)).toEqual(keys(DealInputSchema));
  expect(fieldsOf(TRANSMISSIONS.enrol)).toEqual(keys(EnrolRequestSchema));
});

test('every vendor route the worker calls is in the table, and the table names no other', () => {
  const dir = resolve(import.meta.dirname, '../../../src/background');
  const code = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const called = new Set([...code.matchAll(/['"`](\/v1\/[a-z/-]+)['"`]/g)].map((m) => m[1]));
  const declared = new Set(Object.values(TRANSMISSIONS).map((t: Transmission) => t.request.split(' ')[1]));
  expect([...called].sort()).toEqual([...declared].sort());
});

test('a field that is no Firefox category says why', () => {
  const all = [...Object.entries(HEADERS), ...Object.values(TRANSMISSIONS).flatMap((t: Transmission) => Object.entries(t.fields))];
  const unexplained = all.filter(([, field]) => field.category === null && (field.why ?? '').length < 10).map(([name]) => name);
  expect(unexplained).toEqual([]);
  expect(all.filter(([, field]) => field.category === null).length).toBeGreaterThan(0);
});

test('Firefox is asked consent for each category sent: the page the referral came from, the practitioner’s number and token, and customers', () => {
  expect(requiredCategories()).toEqual(['authenticationInfo', 'browsingActivity', 'personallyIdentifyingInfo']);
  expect(dataCollectionPermissions()).toEqual({ required: requiredCategories() });
  expect(TRANSMISSIONS.referral.fields.pageHost.category).toBe('browsingActivity');
  expect(TRANSMISSIONS.referral.fields.pageUrl.category).toBe('browsingActivity');
});
