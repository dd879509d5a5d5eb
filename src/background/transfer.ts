// Export and import of the practitioner's own data (referrals, deals, settings) as JSON.
// Secrets are never exported. An import is checked completely before anything is written, and
// it only adds: an item already stored (same id) is kept as it is. An imported item that was not
// delivered goes to the enrolment it was made for, or waits (held) until there is one.
import * as v from 'valibot';
import { describeIssues } from '../core/describe-issues';
import { SettingsPatchSchema } from '../core/messages/settings';
import type { ImportReportView } from '../core/messages/views';
import { parseReferralCode } from '../core/referral/code';
import { instant } from '../core/schema';
import { DealRecordSchema, ReferralRecordSchema, type Db, type VendorRecord } from './db';
import { t } from '../ui/i18n';
import { CommandFailure } from './errors';
import { originOf } from './identity';
import { addMissing, allOf, type OutboxRecord } from './outbox';
import { readSettings, writeSettings } from './settings';

export const EXPORT_FORMAT = 'advocate-export';
/** 2: records say which origin and practitioner they were made for, and may be held. */
export const EXPORT_VERSION = 2;

const ExportSchema = v.object({
  format: v.literal(EXPORT_FORMAT, 'this is not an Advocate export file'),
  version: v.picklist([1, EXPORT_VERSION], `this export file is from an unknown version (expected 1 or ${EXPORT_VERSION})`),
  exportedAt: instant('exportedAt'),
  settings: v.optional(SettingsPatchSchema),
  referrals: v.array(ReferralRecordSchema),
  deals: v.array(DealRecordSchema),
  /** For the practitioner's reference, and for version 1 files the only record of where items went. */
  vendors: v.optional(v.array(v.object({ id: v.string(), name: v.string(), endpoint: v.string() }))),
});
type ExportFile = v.InferOutput<typeof ExportSchema>;

export async function exportData(db: Db, nowMs: number): Promise<{ json: string; fileName: string }> {
  const [referrals, deals, settings, vendors] = await Promise.all([allOf(db, 'referrals'), allOf(db, 'deals'), readSettings(db), db.getAll('vendors')]);
  const exportedAt = new Date(nowMs).toISOString();
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    settings,
    referrals,
    deals,
    // No tokens, no secrets: only where the practitioner was enrolled.
    vendors: vendors.map((vendor) => ({ id: vendor.id, name: vendor.name, endpoint: vendor.endpoint })),
  };
  return { json: JSON.stringify(file, null, 2), fileName: `advocate-export-${exportedAt.slice(0, 10)}.json` };
}

/** A version 1 record learns its origin from the file's vendor list and its practitioner from its code. */
function withRoute<R extends OutboxRecord>(record: R, file: ExportFile): R {
  if (record.origin !== undefined) return record;
  const listed = file.vendors?.find((vendor) => vendor.id === record.vendorId);
  let origin: string | undefined;
  try {
    origin = listed ? originOf(listed.endpoint) : undefined;
  } catch {
    origin = undefined;
  }
  const practitioner = 'link' in record ? parseReferralCode(record.item.code)?.practitionerNumber : undefined;
  return { ...record, ...(origin ? { origin } : {}), ...(practitioner !== undefined ? { practitioner } : {}) };
}

/** Undelivered items go in the queue only for the enrolment they were made for; otherwise they wait. */
function placed<R extends OutboxRecord>(record: R, vendors: ReadonlyMap<string, VendorRecord>): R {
  if (record.sync !== 'pending' && record.sync !== 'held') return record;
  const vendor = vendors.get(record.vendorId);
  const here = vendor !== undefined && record.origin === originOf(vendor.endpoint) && (record.practitioner === undefined || record.practitioner === vendor.practitioner.number);
  if (here) {
    const next = { ...record, sync: 'pending' as const };
    delete next.error;
    return next;
  }
  if (record.origin === undefined) {
    return { ...record, sync: 'parked', parkedFor: 'identity', error: t('importParkedNoOrigin') };
  }
  return { ...record, sync: 'held', error: t('importHeld', record.origin) };
}

export async function importData(db: Db, json: string): Promise<ImportReportView> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new CommandFailure('bad-import', t('importNotJson', t('exportAction')));
  }
  const parsed = v.safeParse(ExportSchema, raw);
  if (!parsed.success) {
    throw new CommandFailure('bad-import', t('importInvalid', describeIssues(parsed.issues, 1)));
  }
  const file = parsed.output;
  let settingsImported = false;
  if (file.settings) {
    // Validates the disclosure like the options page does; a bad one fails the import up front.
    await writeSettings(db, { ...(await readSettings(db)), ...file.settings });
    settingsImported = true;
  }
  const vendors = new Map((await db.getAll('vendors')).map((vendor) => [vendor.id, vendor]));
  const referralsAdded = await addMissing(db, 'referrals', file.referrals.map((r) => placed(withRoute(r, file), vendors)));
  const dealsAdded = await addMissing(db, 'deals', file.deals.map((d) => placed(withRoute(d, file), vendors)));
  return { referralsAdded, dealsAdded, skippedExisting: file.referrals.length + file.deals.length - referralsAdded - dealsAdded, settingsImported };
}
