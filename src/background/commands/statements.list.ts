// The practitioner's payout statements, asked of each enrolled vendor when the popup shows them
// (GET /v1/statements): what a closed period pays, and whether it was paid. Not stored: the
// vendor's copy is the one that counts, and a vendor that cannot be reached says so by itself.
import * as v from 'valibot';
import { StatementsResponseSchema, type StatementEntry } from '../../core/protocol/payouts';
import { vendorUrl, callVendor } from '../vendor-http';
import { command, NO_PAYLOAD } from './command';

export interface VendorStatements {
  vendorId: string;
  vendorName: string;
  /** Newest first. */
  statements: StatementEntry[];
  /** Why this vendor's statements could not be read now (the others still are). */
  error?: string;
}

export default command({
  name: 'statements.list',
  callers: ['popup'],
  payload: NO_PAYLOAD,
  async handle(_payload, _ctx, s): Promise<{ vendors: VendorStatements[] }> {
    const db = await s.db.get();
    const [vendors, secrets] = await Promise.all([db.getAll('vendors'), db.getAll('secrets')]);
    const tokens = new Map(secrets.map((secret) => [secret.vendorId, secret.accessToken]));
    const enrolled = vendors.filter((vendor) => tokens.has(vendor.id));
    const answers = await Promise.all(
      enrolled.map(async (vendor): Promise<VendorStatements> => {
        const base = { vendorId: vendor.id, vendorName: vendor.name, statements: [] };
        const answer = await callVendor({ fetch: s.fetch, url: vendorUrl(vendor.endpoint, '/v1/statements'), token: tokens.get(vendor.id)!, timeoutMs: s.timeoutMs, nowMs: s.now() });
        if (!answer.ok) return { ...base, error: answer.outcome.reason };
        const parsed = v.safeParse(StatementsResponseSchema, answer.json);
        if (!parsed.success) return { ...base, error: `${vendor.name} sent statements in a form Advocate does not know.` };
        // Only this practitioner's and this vendor's: a vendor answers for itself, never for another.
        const own = parsed.output.statements.filter((entry) => entry.statement.vendorId === vendor.id && entry.statement.practitionerId === vendor.practitioner.id);
        return { ...base, statements: own.sort((a, b) => Date.parse(b.statement.issuedAt) - Date.parse(a.statement.issuedAt)) };
      }),
    );
    return { vendors: answers };
  },
});
