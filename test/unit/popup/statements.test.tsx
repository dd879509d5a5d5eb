// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VendorStatements } from '../../../src/background/commands/statements.list';
import { Statements } from '../../../src/popup/Statements';
import { en, fail, fakeEnv, installI18n, mount, settle, type Mounted } from '../ui/harness';

let view: Mounted;
beforeEach(() => installI18n());
afterEach(() => view?.unmount());

const entry = (id: string, total: number, paidAt: string | null) => ({
  statement: { id, vendorId: 'acme', practitionerId: 'p1', practitionerName: 'Pat', periodStart: null, periodEnd: '2026-03-31T00:00:00Z', issuedAt: '2026-03-31T00:00:00Z', currency: 'USD', total, referrals: ['r1'], lines: [{ commissionId: 'c1', kind: 'order' as const, orderId: 'o1', productId: 'mysql', attribution: 'code' as const, amount: total, reason: 'why' }] },
  paidAt,
});

async function show(vendors: VendorStatements[] | ReturnType<typeof fail>) {
  const env = fakeEnv({ 'statements.list': () => (Array.isArray(vendors) ? { vendors } : vendors) });
  view = await mount(env, <Statements />);
  await settle();
  return env;
}

describe('Statements', () => {
  it('shows each statement with its total, vendor, period, lines and whether it was paid', async () => {
    const env = await show([{ vendorId: 'acme', vendorName: 'Acme Data', statements: [entry('s2', 11000, null), entry('s1', 2500, '2026-04-02T10:00:00Z')] }]);
    expect(env.callsTo('statements.list')).toHaveLength(1);
    expect(view.container.querySelector('h2')?.textContent).toBe(en('statementsTitle'));
    const items = [...view.container.querySelectorAll('li.statement')].map((li) => li.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('$110.00');
    expect(items[0]).toContain('Acme Data');
    expect(items[0]).toContain(en('statementNotPaid'));
    expect(items[0]).toContain('lines: 1');
    expect(items[1]).toContain('$25.00');
    expect(items[1]).toMatch(/paid on Apr 2, 2026/);
  });

  it('says when there is no statement yet, and which vendor could not be asked', async () => {
    await show([
      { vendorId: 'acme', vendorName: 'Acme Data', statements: [] },
      { vendorId: 'globex', vendorName: 'Globex', statements: [], error: 'Could not reach the vendor; will retry.' },
    ]);
    expect(view.text()).toContain(en('statementsNone'));
    expect(view.text()).toContain(en('statementsVendorError', 'Globex', 'Could not reach the vendor; will retry.'));
  });

  it('shows nothing before any enrolment, and a plain line when the worker fails', async () => {
    await show([]);
    expect(view.container.textContent).toBe('');
    view.unmount();
    await show(fail('storage is full'));
    expect(view.text()).toBe(en('statementsUnavailable', 'storage is full'));
  });
});
