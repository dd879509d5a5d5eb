// Export and import of the practitioner's own data (referrals, deals, settings) as JSON.
// Secrets are never exported. An import is checked completely before anything is written, and
// it only adds: an item already stored (same id) is kept as it is.
import * as v from 'valibot';
import { describeIssues } from '../core/describe-issues';
import type { ImportReportView, SettingsView } from '../core/messages/views';
import { SettingsPatchSchema } from '../core/messages/settings';
import { DealSchema } from '../core/referral/deal';
import { ReferralSchema } from '../core/referral/referral';
import type { Db, DealRecord, ReferralRecord } from './db';
import { CommandFailure } from './errors';
import { addMissing, allOf } from './outbox';
import { readSettings, writeSettings } from './settings';

export const EXPORT_FORMAT = 'advocate-export';
export const EXPORT_VERSION = 1;

const syncState = v.picklist(['pending', 'synced', 'parked']);
const outboxFields = {
  id: v.string(),
  vendorId: v.string(),
  sync: syncState,
  createdAt: v.string(),
  error: v.optional(v.string()),
  syncedAt: v.optional(v.string()),
};
const SAME_IDS = 'the record and its item must have the same id and vendor';
const ReferralRecordSchema = v.pipe(
  v.object({ ...outboxFields, link: v.string(), item: ReferralSchema }),
  v.check((r) => r.id === r.item.id && r.vendorId === r.item.vendorId, SAME_IDS),
);
const DealRecordSchema = v.pipe(
  v.object({ ...outboxFields, item: DealSchema }),
  v.check((r) => r.id === r.item.id && r.vendorId === r.item.vendorId, SAME_IDS),
);

const ExportSchema = v.object({
  format: v.literal(EXPORT_FORMAT, 'this is not an Advocate export file'),
  version: v.literal(EXPORT_VERSION, `this export file is from an unknown version (expected ${EXPORT_VERSION})`),
  exportedAt: v.string(),
  settings: v.optional(SettingsPatchSchema),
  referrals: v.array(ReferralRecordSchema),
  deals: v.array(DealRecordSchema),
  vendors: v.optional(v.array(v.object({ id: v.string(), name: v.string(), endpoint: v.string() }))),
});

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
    // For the practitioner's reference only: where they were enrolled. No tokens, no secrets.
    vendors: vendors.map((vendor) => ({ id: vendor.id, name: vendor.name, endpoint: vendor.endpoint })),
  };
  return { json: JSON.stringify(file, null, 2), fileName: `advocate-export-${exportedAt.slice(0, 10)}.json` };
}

export async function importData(db: Db, json: string): Promise<ImportReportView> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new CommandFailure('bad-import', 'The file is not valid JSON, so nothing was imported. Choose a file made by “Export data”.');
  }
  const parsed = v.safeParse(ExportSchema, raw);
  if (!parsed.success) {
    throw new CommandFailure('bad-import', `The file cannot be imported (${describeIssues(parsed.issues, 1)}); nothing was changed.`);
  }
  const file = parsed.output;
  let settingsImported = false;
  if (file.settings) {
    // Validates the disclosure like the options page does; a bad one fails the import up front.
    await writeSettings(db, { ...(await readSettings(db)), ...file.settings } as SettingsView);
    settingsImported = true;
  }
  const referralsAdded = await addMissing(db, 'referrals', file.referrals as ReferralRecord[]);
  const dealsAdded = await addMissing(db, 'deals', file.deals as DealRecord[]);
  return { referralsAdded, dealsAdded, skippedExisting: file.referrals.length + file.deals.length - referralsAdded - dealsAdded, settingsImported };
}
