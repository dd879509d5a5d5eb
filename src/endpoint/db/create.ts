// One query layer for both databases: SQLite embedded by default, PostgreSQL when a vendor
// outgrows one machine. Queries are written once against kysely; only the dialect differs.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, PostgresDialect } from 'kysely';
import type { Database } from './schema';

export type DbConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export async function createDb(config: DbConfig): Promise<Kysely<Database>> {
  if (config.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const pg = await loadPg();
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url }) }) });
}

interface PgModule {
  Pool: new (options: { connectionString: string }) => any;
  types: { setTypeParser(oid: number, parse: (text: string) => unknown): void };
}

async function loadPg(): Promise<PgModule> {
  const name = 'pg'; // a variable, so bundlers and tsc leave the optional dependency alone
  try {
    const mod = (await import(name)) as { default?: PgModule } & PgModule;
    const pg = mod.default ?? mod;
    // bigint (oid 20) columns hold amounts and uint32 numbers: all far below 2^53, so plain numbers.
    pg.types.setTypeParser(20, Number);
    return pg;
  } catch {
    throw new Error('PostgreSQL needs the "pg" package: run `npm install pg` in the endpoint folder, then start again.');
  }
}
