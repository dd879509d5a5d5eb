// Commission rows → the four amounts a person reads. pending, approved and paid are what order
// rows pay now (after refunds); reversed is what was taken back: refunded or self-referral
// shares of order rows, and clawbacks of commission already on a statement.
import type { CommissionByState } from '../../core/protocol/stats';

export const emptyCommission = (): CommissionByState => ({ pending: 0, approved: 0, paid: 0, reversed: 0 });

export function addRow(into: CommissionByState, row: { kind: string; state: string; amount: number; gross: number }): void {
  if (row.kind === 'clawback') {
    into.reversed += -row.amount;
    return;
  }
  into.reversed += row.gross - row.amount;
  if (row.state === 'pending' || row.state === 'approved' || row.state === 'paid') into[row.state] += row.amount;
}
