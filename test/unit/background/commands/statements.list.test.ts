import { describe, expect, it } from 'vitest';
import type { VendorStatements } from '../../../../src/background/commands/statements.list';
import { enrolledWorker, makeWorker, OPTIONS, value } from '../world';

const statement = (id: string, issuedAt: string, over: Record<string, unknown> = {}) => ({
  statement: {
    id,
    vendorId: 'acme',
    practitionerId: 'p1',
    practitionerName: 'Pat',
    periodStart: null,
    periodEnd: issuedAt,
    issuedAt,
    currency: 'USD',
    total: 11000,
    referrals: ['r1'],
    lines: [{ commissionId: 'c1', kind: 'order', orderId: 'o1', productId: 'mysql', attribution: 'code', referralId: 'r1', code: 'x', amount: 11000, reason: '10 % × 1.1 (professional)' }],
    ...over,
  },
  paidAt: null,
});

describe('statements.list', () => {
  it('lists nothing before enrolment, and only to the popup', async () => {
    const world = makeWorker();
    expect(value(await world.send('statements.list'))).toEqual({ vendors: [] });
    expect((await world.send('statements.list', {}, OPTIONS)).ok).toBe(false);
  });

  it('asks the enrolled vendor with its token and answers its statements newest first, only this practitioner’s', async () => {
    const world = await enrolledWorker();
    const body = { statements: [statement('s1', '2026-02-01T00:00:00Z'), statement('s2', '2026-03-01T00:00:00+01:00'), statement('s3', '2026-03-02T00:00:00Z', { practitionerId: 'someone-else' })] };
    world.vendor.script = [{ kind: 'body', body: JSON.stringify(body) }];
    const { vendors } = value<{ vendors: VendorStatements[] }>(await world.send('statements.list'));
    const asked = world.vendor.requests.at(-1)!;
    expect(asked.url).toBe(`${world.vendor.endpoint}/v1/statements`);
    expect(asked.headers.authorization).toBe(`Bearer ${world.vendor.token}`);
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({ vendorId: 'acme', vendorName: 'Acme Data' });
    expect(vendors[0]!.error).toBeUndefined();
    expect(vendors[0]!.statements.map((s) => s.statement.id)).toEqual(['s2', 's1']);
  });

  it('says why when the vendor cannot be reached or answers something else, and keeps nothing', async () => {
    const world = await enrolledWorker();
    world.vendor.script = [{ kind: 'reset' }];
    const down = value<{ vendors: VendorStatements[] }>(await world.send('statements.list')).vendors[0]!;
    expect(down.statements).toEqual([]);
    expect(down.error).toMatch(/\S/);
    world.vendor.script = [{ kind: 'body', body: JSON.stringify({ statements: [{ nope: true }] }) }];
    const odd = value<{ vendors: VendorStatements[] }>(await world.send('statements.list')).vendors[0]!;
    expect(odd).toMatchObject({ statements: [], error: 'Acme Data sent statements in a form Advocate does not know.' });
  });
});
