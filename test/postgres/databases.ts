// A fresh, empty database per harness in the run's throwaway cluster, so test files (and the
// harnesses inside one) never see each other's rows, exactly like their own SQLite files.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function admin<T>(clusterUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(clusterUrl: string): Promise<ScratchDatabase> {
  const name = `advocate_${randomBytes(6).toString('hex')}`;
  await admin(clusterUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => admin(clusterUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
