// The query layer must run on PostgreSQL too. Without a PostgreSQL server here, this checks what
// can be checked offline: every migration compiles to PostgreSQL DDL with no SQLite-only syntax,
// and the postgres branch of createDb explains a missing driver clearly.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/endpoint/db/create';
import { migrateToLatest } from '../../src/endpoint/db/migrations';

class RecordingDriver extends DummyDriver implements Driver {
  readonly statements: string[] = [];
  override async acquireConnection(): Promise<DatabaseConnection> {
    const statements = this.statements;
    return {
      async executeQuery<R>(query: CompiledQuery) {
        statements.push(query.sql);
        return { rows: [] as R[] };
      },
      async *streamQuery() {},
    };
  }
}

describe('PostgreSQL', () => {
  it('runs every migration as PostgreSQL DDL', async () => {
    const driver = new RecordingDriver();
    const db = new Kysely<any>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    await migrateToLatest(db);
    const ddl = driver.statements.filter((s) => /^create (table|index|unique index)/i.test(s));
    expect(ddl.filter((s) => /^create table/i.test(s)).map((s) => /create table (?:if not exists )?"(\w+)"/i.exec(s)?.[1])).toEqual(
      expect.arrayContaining(['meta', 'practitioners', 'certifications', 'referrals', 'deals', 'ingest_results', 'clicks', 'daily_salts', 'webhooks', 'conversions', 'commissions']),
    );
    for (const statement of driver.statements) {
      expect(statement).not.toMatch(/autoincrement|insert or |without rowid|pragma|datetime\(|strftime/i);
    }
    expect(driver.statements.join('\n')).toMatch(/"order_id" text not null unique/);
  });

  it('explains how to get the driver when pg is not installed', async () => {
    await expect(createDb({ kind: 'postgres', url: 'postgres://127.0.0.1:1/none' })).rejects.toThrow(/npm install pg/);
  });
});
