// Listening: serveApp() puts a created app on a port (main.ts, and the few tests that need real
// sockets); startEndpoint() does everything main.ts does for tests, benchmarks and browser
// tests: data folder, secrets, database, migrations, seed, app, port. The port is opened only
// once the app is ready, so no request ever meets a half-started endpoint.
import { getRequestListener } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app';
import { DEFAULT_LIMITS, consoleLog, type AdvocateApp, type Limits, type Log, type Settings } from './context';
import { createDb, withStartupLock, type DbConfig } from './db/create';
import { migrateToLatest } from './db/migrations';
import type { Database } from './db/schema';
import { loadSecrets } from './domain/data-dir';
import { SecretBox } from './domain/at-rest';
import { seedVendor } from './domain/vendor-state';
import type { BucketConfig } from './http/rate-limit';

export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  port: number;
  host?: string;
  /** A request whose headers and body have not all arrived by then is cut off (slow bodies). */
  requestTimeoutMs?: number;
}

export async function serveApp(app: AdvocateApp, options: ServeOptions): Promise<Listening> {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const hono = getRequestListener(app.fetch);
  const server = createServer(
    { keepAliveTimeout: 5000, requestTimeout, headersTimeout: Math.min(requestTimeout, 10_000), connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeout / 4)) },
    (req, res) => {
      // The redirect is answered without the framework in between: it is the hottest path.
      if (!app.redirectListener(req, res)) void hono(req, res);
    },
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((done) => {
        // In-flight requests (a redirect waiting for its click's commit) finish; idle sockets go now.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      }),
  };
}

type OldBuckets = { perIp?: BucketConfig | false; perToken?: BucketConfig | false; redirectPerIp?: BucketConfig | false };

export interface EndpointOptions extends ServeOptions {
  dataDir: string;
  clock?: () => Date;
  adminToken?: string;
  webhookSecret?: string;
  dataKey?: Uint8Array;
  /** Defaults to the SQLite file DATA_DIR/advocate.sqlite. */
  database?: DbConfig;
  publicUrl?: string;
  attributionDays?: number;
  /** `false` turns a limit off (benchmarks, browser tests). */
  rateLimits?: OldBuckets;
  limits?: Partial<Limits>;
  settings?: Partial<Settings>;
  dashboardDir?: string;
  log?: Log;
}

export interface RunningEndpoint {
  url: string;
  app: AdvocateApp;
  db: Kysely<Database>;
  close(): Promise<void>;
  adminToken: string;
  webhookSecret: string;
  demoEnrolmentCode: string | null;
}

export async function startEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  const now = options.clock ?? (() => new Date());
  const log = options.log ?? consoleLog;
  mkdirSync(options.dataDir, { recursive: true });
  const secrets = loadSecrets(options.dataDir, options, log);
  const db = await createDb(options.database ?? { kind: 'sqlite', file: join(options.dataDir, 'advocate.sqlite'), checkpointInWorker: true });
  const { demoEnrolmentCode } = await withStartupLock(db, async () => {
    await migrateToLatest(db);
    return seedVendor(db, new SecretBox(secrets.dataKey), now());
  });
  const rl = options.rateLimits ?? {};
  const limits: Partial<Limits> = {
    ...(rl.perIp !== undefined ? { perAddress: rl.perIp } : {}),
    ...(rl.perToken !== undefined ? { perToken: rl.perToken } : {}),
    ...(rl.redirectPerIp !== undefined ? { redirectPerAddress: rl.redirectPerIp } : {}),
    ...options.limits,
  };
  const settings: Partial<Settings> = {
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.attributionDays ? { attributionDays: options.attributionDays } : {}),
    ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
    ...options.settings,
  };
  const app = await createApp({ db, clock: now, secrets, limits: { ...DEFAULT_LIMITS, ...limits }, log, settings });
  const listening = await serveApp(app, options);
  return {
    url: listening.url,
    app,
    db,
    adminToken: secrets.adminToken,
    webhookSecret: secrets.webhookSecret,
    demoEnrolmentCode,
    async close() {
      await listening.close();
      app.close();
      await db.destroy();
    },
  };
}

