// One query layer for both databases: SQLite embedded by default, PostgreSQL when a vendor
// outgrows one machine (several instances on one database). Queries are written once against
// kysely; only the dialect differs, and values are normalised here, at the driver boundary.
import SqliteDatabase from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type DbConfig = { kind: 'sqlite'; file: string; checkpointInWorker?: boolean } | { kind: 'postgres'; url: string; maxConnections?: number };

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
  const pool = new pg.Pool({ connectionString: config.url, max: config.maxConnections ?? 10, types: { getTypeParser } as never });
  // An idle connection the server dropped (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

// SQLite hands integers back as numbers; pg hands bigint (int8: count(*), amounts) and numeric
// (sum() of a bigint) back as strings. Amounts are integer minor units and counts are counts, all
// far below 2^53: numbers, the same as on SQLite. A value that is not a safe integer is an error,
// never a silently rounded amount.
function wholeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`The database returned ${text}, which is not a whole number below 2^53 (amounts are integer minor units).`);
  return n;
}

const INT8 = 20;
const NUMERIC = 1700;

function getTypeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 || oid === NUMERIC) return wholeNumber;
  return pg.types.getTypeParser(oid, format as 'text');
}

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

// Any constant the other applications on the database do not use; kysely's own migration lock is another.
const STARTUP_LOCK = 0x61647663; // "advc"

/**
 * Runs `work` (migrations, the first seed) once at a time across every instance on the same
 * database: on PostgreSQL under a session advisory lock held by one pinned connection, so two
 * instances starting together neither migrate twice nor both create the vendor's keys. SQLite has
 * one process per file, so it just runs.
 */
export async function withStartupLock<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work();
  return db.connection().execute(async (pinned) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(pinned);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(pinned);
    }
  });
}

// Transaction-scoped locks for the few writes whose rule reads before it writes across rows no
// unique constraint covers (first deal registration wins, a refund waits for its order, a period
// closes once). SQLite runs one transaction at a time already; PostgreSQL instances take these.
const LOCKS = { billing: 0x61647601, 'ingest:referral': 0x61647602, 'ingest:deal': 0x61647603 } as const;

/** Holds `name` until the transaction ends (PostgreSQL advisory lock; nothing to do on SQLite). */
export async function lockFor(trx: Kysely<Database>, name: keyof typeof LOCKS): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${LOCKS[name]})`.execute(trx);
}
