// Closing a period: approved commission rows become one payout statement per practitioner. The
// statement's document is written once and never rewritten; paying it sets paidAt, once, and
// moves its rows to `paid`. A practitioner whose approved rows net to zero or less (clawbacks)
// gets no statement: the rows wait for the next period.
import { randomUUID } from 'node:crypto';
import type { CommissionReason } from '../../core/protocol/admin';
import type { StatementDocument, StatementEntry, StatementLine } from '../../core/protocol/payouts';
import type { Deps } from '../context';
import { lockFor } from '../db/create';
import { HttpError } from '../http/problem';
import { csvRow } from './csv';

export async function closePeriod(deps: Deps, periodEnd: Date): Promise<StatementDocument[]> {
  const now = deps.now();
  if (periodEnd.getTime() > now.getTime()) throw new HttpError(400, 'invalid-request', `periodEnd ${periodEnd.toISOString()} is in the future; a period can only be closed up to now.`);
  const endIso = periodEnd.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockFor(trx, 'billing');
    const rows = await trx
      .selectFrom('commissions')
      .innerJoin('conversions', 'conversions.id', 'commissions.conversion_id')
      .innerJoin('practitioners', 'practitioners.id', 'commissions.practitioner_id')
      .select([
        'commissions.id',
        'commissions.kind',
        'commissions.amount',
        'commissions.practitioner_id',
        'commissions.reason_json',
        'commissions.note',
        'conversions.order_id',
        'conversions.product_id',
        'practitioners.display_name',
      ])
      .where('commissions.state', '=', 'approved')
      .where('commissions.statement_id', 'is', null)
      .where('commissions.created_at', '<=', endIso)
      .orderBy('commissions.created_at')
      .orderBy('commissions.id')
      .execute();
    const byPractitioner = new Map<string, typeof rows>();
    for (const row of rows) byPractitioner.set(row.practitioner_id, [...(byPractitioner.get(row.practitioner_id) ?? []), row]);
    const issued: StatementDocument[] = [];
    for (const [practitionerId, own] of byPractitioner) {
      const total = own.reduce((sum, r) => sum + Number(r.amount), 0);
      if (total <= 0) continue;
      const codes = [...new Set(own.map((r) => (JSON.parse(r.reason_json) as Partial<CommissionReason>).code).filter((c): c is string => !!c))];
      const referrals = codes.length ? await trx.selectFrom('referrals').select(['id', 'code']).where('code', 'in', codes).execute() : [];
      const referralOf = new Map(referrals.map((r) => [r.code, r.id]));
      const previous = await trx.selectFrom('statements').select('period_end').where('practitioner_id', '=', practitionerId).orderBy('period_end', 'desc').executeTakeFirst();
      const lines: StatementLine[] = own.map((r) => {
        const reason = JSON.parse(r.reason_json) as Partial<CommissionReason>;
        const referralId = reason.code ? referralOf.get(reason.code) : undefined;
        return {
          commissionId: r.id,
          kind: r.kind === 'clawback' ? 'clawback' : 'order',
          orderId: r.order_id,
          productId: r.product_id,
          attribution: reason.attribution ?? 'code',
          ...(referralId ? { referralId } : {}),
          ...(reason.code ? { code: reason.code } : {}),
          ...(reason.dealId ? { dealId: reason.dealId } : {}),
          amount: Number(r.amount),
          reason: r.note,
        };
      });
      const document: StatementDocument = {
        id: randomUUID(),
        vendorId: deps.vendorId,
        practitionerId,
        practitionerName: own[0]!.display_name,
        periodStart: previous?.period_end ?? null,
        periodEnd: endIso,
        issuedAt: now.toISOString(),
        currency: deps.currency,
        total,
        referrals: [...new Set(lines.flatMap((l) => (l.referralId ? [l.referralId] : [])))],
        lines,
      };
      await trx
        .insertInto('statements')
        .values({ id: document.id, practitioner_id: practitionerId, period_end: endIso, issued_at: document.issuedAt, paid_at: null, currency: deps.currency, total, document: JSON.stringify(document) })
        .execute();
      await trx
        .updateTable('commissions')
        .set({ statement_id: document.id, updated_at: document.issuedAt })
        .where('id', 'in', own.map((r) => r.id))
        .execute();
      issued.push(document);
    }
    return issued;
  });
}

export async function markPaid(deps: Deps, statementId: string): Promise<StatementEntry> {
  const nowIso = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockFor(trx, 'billing');
    const row = await trx.selectFrom('statements').select(['document', 'paid_at']).where('id', '=', statementId).executeTakeFirst();
    if (!row) throw new HttpError(404, 'statement-not-found', `There is no statement ${statementId}.`);
    if (row.paid_at) throw new HttpError(409, 'statement-already-paid', `Statement ${statementId} was marked paid at ${row.paid_at}; a statement is paid once.`);
    await trx.updateTable('statements').set({ paid_at: nowIso }).where('id', '=', statementId).where('paid_at', 'is', null).execute();
    await trx.updateTable('commissions').set({ state: 'paid', updated_at: nowIso }).where('statement_id', '=', statementId).execute();
    return { statement: JSON.parse(row.document) as StatementDocument, paidAt: nowIso };
  });
}

export async function listStatements(deps: Deps, practitionerId?: string): Promise<StatementEntry[]> {
  let query = deps.db.selectFrom('statements').select(['document', 'paid_at']).orderBy('issued_at').orderBy('id');
  if (practitionerId) query = query.where('practitioner_id', '=', practitionerId);
  return (await query.execute()).map((r) => ({ statement: JSON.parse(r.document) as StatementDocument, paidAt: r.paid_at }));
}

export async function getStatement(deps: Deps, id: string, practitionerId?: string): Promise<StatementEntry> {
  let query = deps.db.selectFrom('statements').select(['document', 'paid_at']).where('id', '=', id);
  if (practitionerId) query = query.where('practitioner_id', '=', practitionerId);
  const row = await query.executeTakeFirst();
  if (!row) throw new HttpError(404, 'statement-not-found', `There is no statement ${id}${practitionerId ? ' of yours' : ''}.`);
  return { statement: JSON.parse(row.document) as StatementDocument, paidAt: row.paid_at };
}

/** The statement document as CSV: derived only from the stored document, so it never changes either. */
export function statementCsv(doc: StatementDocument): string {
  const head = [
    csvRow(['statement', doc.id, 'vendor', doc.vendorId, 'practitioner', doc.practitionerName, 'period_start', doc.periodStart ?? '', 'period_end', doc.periodEnd, 'issued_at', doc.issuedAt, 'currency', doc.currency, 'total_minor', doc.total]),
    csvRow(['commission_id', 'kind', 'order_id', 'product_id', 'attribution', 'referral_id', 'code', 'deal_id', 'amount_minor', 'reason']),
  ];
  const lines = doc.lines.map((l) => csvRow([l.commissionId, l.kind, l.orderId, l.productId, l.attribution, l.referralId ?? '', l.code ?? '', l.dealId ?? '', l.amount, l.reason]));
  return `${[...head, ...lines].join('\r\n')}\r\n`;
}
