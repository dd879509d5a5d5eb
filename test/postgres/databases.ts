// A fresh, empty database per harness in the run's throwaway cluster, so test files (and the
// harnesses inside one) never see each other's rows, exactly like their own SQLite files.
// Creating and migrating a database takes a second or two on this machine, so a harness's
// database is emptied (every row but the migration log deleted) when it closes and handed to
// the next harness of the same test file: it starts migrated and empty, as a new one would.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  /** Empties it for the next harness (or drops it when `drop`). */
  release(options?: { drop?: boolean }): Promise<void>;
}

const emptied: string[] = [];

export async function createScratchDatabase(clusterUrl: string, options: { reuse?: boolean } = {}): Promise<ScratchDatabase> {
  const reuse = options.reuse ?? true;
  let url = reuse ? emptied.pop() : undefined;
  if (!url) {
    const name = `advocate_${randomBytes(6).toString('hex')}`;
    await withClient(clusterUrl, (c) => c.query(`create database ${name}`));
    const u = new URL(clusterUrl);
    u.pathname = `/${name}`;
    url = u.href;
  }
  const mine = url;
  return {
    url: mine,
    async release({ drop = !reuse } = {}) {
      if (drop) {
        const name = new URL(mine).pathname.slice(1);
        await withClient(clusterUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
        return;
      }
      await withClient(mine, async (c) => {
        const { rows } = await c.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`);
        // DELETE, not TRUNCATE: on tables this small it avoids new files per table. Foreign keys are
        // not checked while emptying (replica role; the test cluster's user is its superuser).
        await c.query(`set session_replication_role = replica; ${rows.map((r) => `delete from "${r.name}";`).join(' ')}`);
        // What a test added beside the schema (a trigger that simulates a failure) goes too.
        await c.query(`drop function if exists boom() cascade`);
      });
      emptied.push(mine);
    },
  };
}
