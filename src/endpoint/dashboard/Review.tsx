// The vendor's decisions: deals to approve or decline, commissions with the reason each exists,
// closing a period into payout statements and marking them paid.
import type { CommissionView, DealView } from '../../core/protocol/admin';
import type { StatementEntry } from '../../core/protocol/payouts';

type Money = (minor: number) => string;

export function Deals({ deals, products, onReview }: { deals: DealView[]; products: Map<string, string>; onReview(id: string, decision: 'approve' | 'decline'): void }) {
  if (deals.length === 0) return <p>No deals registered yet.</p>;
  return (
    <table aria-label="Deals">
      <thead>
        <tr><th scope="col">Customer</th><th scope="col">Product</th><th scope="col">Practitioner</th><th scope="col">Registered</th><th scope="col">Status</th><th scope="col">Decision</th></tr>
      </thead>
      <tbody>
        {deals.map((d) => (
          <tr key={d.id}>
            <th scope="row">{d.customerName} ({d.customerDomain})</th>
            <td>{products.get(d.productId) ?? d.productId}</td>
            <td>{d.practitionerName}</td>
            <td>{new Date(d.registeredAt).toLocaleDateString()}</td>
            <td>{d.expired ? `${d.status}, expired` : d.status}</td>
            <td>
              {d.status === 'pending' && !d.expired ? (
                <>
                  <button type="button" onClick={() => onReview(d.id, 'approve')} aria-label={`Approve the deal for ${d.customerName}`}>Approve</button>{' '}
                  <button type="button" class="quiet" onClick={() => onReview(d.id, 'decline')} aria-label={`Decline the deal for ${d.customerName}`}>Decline</button>
                </>
              ) : (
                '–'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Commissions({ rows, fmt, names, onApprove }: { rows: CommissionView[]; fmt: Money; names: Map<string, string>; onApprove(id: string): void }) {
  if (rows.length === 0) return <p>No commissions yet.</p>;
  return (
    <table aria-label="Commissions">
      <thead>
        <tr><th scope="col">Order</th><th scope="col">Practitioner</th><th scope="col">Amount</th><th scope="col">State</th><th scope="col">Why</th><th scope="col">Decision</th></tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.orderId}{c.kind === 'clawback' ? ' (clawback)' : ''}</th>
            <td>{names.get(c.practitionerId) ?? c.practitionerId}</td>
            <td>{fmt(c.amount)}{c.gross !== c.amount && c.kind === 'order' ? ` of ${fmt(c.gross)}` : ''}</td>
            <td>{c.state}{c.statementId ? ', on a statement' : ''}</td>
            <td class="reason">{c.note}</td>
            <td>{c.state === 'pending' && !c.selfReferral ? <button type="button" onClick={() => onApprove(c.id)} aria-label={`Approve the commission on ${c.orderId}`}>Approve</button> : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Statements({ entries, fmt, onClose, onPaid }: { entries: StatementEntry[]; fmt: Money; onClose(): void; onPaid(id: string): void }) {
  return (
    <>
      <p><button type="button" onClick={onClose}>Close the period now</button> Approved commissions become one statement per practitioner.</p>
      {entries.length > 0 && (
        <table aria-label="Statements">
          <thead>
            <tr><th scope="col">Practitioner</th><th scope="col">Period end</th><th scope="col">Total</th><th scope="col">Lines</th><th scope="col">Paid</th></tr>
          </thead>
          <tbody>
            {entries.map(({ statement: s, paidAt }) => (
              <tr key={s.id}>
                <th scope="row">{s.practitionerName}</th>
                <td>{new Date(s.periodEnd).toLocaleString()}</td>
                <td>{fmt(s.total)}</td>
                <td>{s.lines.length}</td>
                <td>{paidAt ? new Date(paidAt).toLocaleDateString() : <button type="button" onClick={() => onPaid(s.id)} aria-label={`Mark the statement for ${s.practitionerName} paid`}>Mark paid</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
