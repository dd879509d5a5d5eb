// One query layer for both databases: SQLite embedded by default, PostgreSQL when a vendor
// outgrows one machine. Queries are written once against kysely; only the dialect differs.
import SqliteDatabase from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Kysely, SqliteDialect, PostgresDialect } from 'kysely';
import type { Database } from './schema';

export type DbConfig = { kind: 'sqlite'; file: string; checkpointInWorker?: boolean } | { kind: 'postgres'; url: string };

// WAL checkpoints copy the log into the database file and fsync it. Run on the serving thread
// (SQLite's default), one would stall every redirect waiting for its click's commit; a worker
// thread with its own connection does it beside the commits instead.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.intervalMs);
`;

export async function createDb(config: DbConfig): Promise<Kysely<Database>> {
  if (config.kind === 'sqlite') {
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    if (!config.checkpointInWorker || config.file === ':memory:') return db;
    sqlite.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file: config.file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs: 500 } });
    worker.unref();
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await worker.terminate();
      await destroy(); // closing the last connection checkpoints what is left
    };
    return db;
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
