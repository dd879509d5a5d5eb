// What PostgreSQL hands back must be what SQLite hands back: every migration runs on a real
// server, bigint columns and aggregates (count, sum) come back as numbers (pg gives strings),
// an amount beyond 2^53 is an error rather than a rounded number, times stay the ISO text
// they were written as, and NUL (which PostgreSQL text refuses) is a clear 400, not a 500.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, withStartupLock } from '../../src/endpoint/db/create';
import { migrateToLatest } from '../../src/endpoint/db/migrations';
import { call, startHarness, type Harness } from '../endpoint/helpers';
import { createScratchDatabase, type ScratchDatabase } from './databases';

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase(inject('postgresUrl'), { reuse: false });
});
afterAll(() => scratch.release({ drop: true }));

describe('PostgreSQL', () => {
  it('runs every migration once, even when two instances migrate at the same moment', async () => {
    const [a, b] = await Promise.all([createDb({ kind: 'postgres', url: scratch.url }), createDb({ kind: 'postgres', url: scratch.url })]);
    try {
      await Promise.all([a, b].map((db) => withStartupLock(db, () => migrateToLatest(db))));
      const names = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(a)).rows.map((r) => r.name);
      expect(names).toEqual(['0001_initial', '0002_money', '0004_credentials']);
      const columns = (await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns where table_name = 'certifications' order by column_name`.execute(a)).rows;
      expect(Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]))).toMatchObject({ status_index: 'integer', issued_at: 'text', valid_from: 'text', document: 'text' });
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('hands back bigint columns, counts and sums as numbers, refuses one beyond 2^53, and keeps instants as written', async () => {
    const db = await createDb({ kind: 'postgres', url: scratch.url });
    try {
      await migrateToLatest(db);
      const big = 2 ** 53 - 10; // cents: far beyond any order, still exact; with 1999 more, not
      const row = { product_id: 'mysql', offer_id: null, customer_domain: null, currency: 'USD', attribution: 'none', practitioner_id: null, code: null, deal_id: null, refunded_at: null, refunded_amount: 0, order_currency: null, order_amount: null };
      await db
        .insertInto('conversions')
        .values([
          { ...row, id: 'c1', order_id: 'o1', customer_key: 'order:o1', amount: big, occurred_at: '2026-03-01T10:30:00.000Z', received_at: '2026-03-01T10:30:00.000Z' },
          { ...row, id: 'c2', order_id: 'o2', customer_key: 'order:o2', amount: 1999, occurred_at: '2026-03-01T10:31:00.000Z', received_at: '2026-03-01T10:31:00.000Z' },
        ])
        .execute();
      const stored = await db.selectFrom('conversions').select(['amount', 'occurred_at']).where('id', '=', 'c1').executeTakeFirstOrThrow();
      expect(stored.amount).toBe(big);
      expect(Date.parse(stored.occurred_at)).toBe(Date.parse('2026-03-01T11:30:00+01:00'));
      const totals = await db.selectFrom('conversions').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('total')]).where('id', '=', 'c2').executeTakeFirstOrThrow();
      expect(totals).toEqual({ n: 1, total: 1999 });
      await expect(db.selectFrom('conversions').select((eb) => eb.fn.sum<number>('amount').as('total')).executeTakeFirstOrThrow()).rejects.toThrow(/not a whole number below 2\^53/);
    } finally {
      await db.destroy();
    }
  });
});

describe('a NUL in a path', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is answered as bad input (PostgreSQL text cannot hold it), not as a failure', async () => {
    const res = await call(h, '/v1/admin/statements/%00', { token: h.endpoint.adminToken });
    expect(res.status).toBeLessThan(500);
    expect(res.json.type).toMatch(/bad-request|not-found/);
    expect(h.logged).toEqual([]);
  });
});
