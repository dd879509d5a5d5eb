// globalSetup of the endpoint-postgres project: one throwaway PostgreSQL cluster for the whole
// run (each test file, each harness, gets a database of its own in it), stopped at the end.
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/advocate of the run's throwaway cluster; absent in the SQLite project. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let cluster;
  try {
    cluster = await startThrowawayPostgres();
  } catch (error) {
    throw new Error(`The PostgreSQL half of the endpoint tests needs a PostgreSQL server and none could be started: ${(error as Error).message}`);
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
