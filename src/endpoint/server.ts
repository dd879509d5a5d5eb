// The reference vendor endpoint: startEndpoint() for tests and main.ts, one request pipeline
// (route match, CORS, rate limits, auth, handler, problem details for every failure).
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFor, indexCatalog, type App } from './app';
import { createDb, type DbConfig } from './db/create';
import { migrateToLatest } from './db/migrations';
import { ClickRecorder } from './domain/clicks';
import { DEFAULT_ATTRIBUTION_DAYS } from './domain/commission';
import { CodeVerifier, SecretCache } from './domain/secret-cache';
import { parseReferralCode, verifyReferralCode } from '../core/referral/code';
import { constantTimeEqual, sha256Hex } from './domain/secrets';
import { loadOrSeedVendor } from './domain/vendor-state';
import { answerPreflight, applyCors, isExtensionOrigin } from './http/cors';
import { HttpError, sendProblem } from './http/problem';
import { RateLimiter, type BucketConfig } from './http/rate-limit';
import { Router, type RouteContext } from './http/router';
import { adminRoutes } from './routes/admin';
import { dashboardRoutes } from './routes/dashboard';
import { enrolRoutes, tokenHash } from './routes/enrol';
import { ingestRoutes } from './routes/ingest';
import { publicRoutes } from './routes/public';
import { redirectRoute } from './routes/redirect';
import { statsRoute } from './routes/stats';
import { webhookRoute } from './routes/webhooks';

export interface EndpointOptions {
  port: number;
  dataDir: string;
  host?: string;
  /** The clock every rule uses (attribution windows, webhook tolerance, click days). */
  clock?: () => Date;
  adminToken?: string;
  webhookSecret?: string;
  /** Defaults to the SQLite file DATA_DIR/advocate.sqlite. */
  database?: DbConfig;
  /** The URL the catalog names as the referral endpoint; defaults to the listening URL. */
  publicUrl?: string;
  attributionDays?: number;
  /** `false` turns a limit off (benchmarks); defaults suit one practitioner's extension. */
  rateLimits?: { perIp?: BucketConfig | false; perToken?: BucketConfig | false; redirectPerIp?: BucketConfig | false };
  dashboardDir?: string;
}

export interface RunningEndpoint {
  url: string;
  close(): Promise<void>;
  adminToken: string;
  webhookSecret: string;
  demoEnrolmentCode: string | null;
}

export const DEFAULT_LIMITS = {
  perIp: { capacity: 120, refillPerSecond: 20 },
  perToken: { capacity: 60, refillPerSecond: 5 },
  redirectPerIp: { capacity: 600, refillPerSecond: 100 },
} satisfies Record<string, BucketConfig>;

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function limiter(config: BucketConfig | false | undefined, fallback: BucketConfig, now: () => Date): RateLimiter | null {
  return config === false ? null : new RateLimiter(config ?? fallback, () => now().getTime());
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

const unauthorized = (detail: string) => new HttpError(401, 'unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });

function rateLimited(seconds: number, what: string): HttpError {
  return new HttpError(429, 'rate-limited', `Too many requests ${what}; retry after ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
}

export async function startEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  const now = options.clock ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true });
  const db = await createDb(options.database ?? { kind: 'sqlite', file: join(options.dataDir, 'advocate.sqlite') });
  await migrateToLatest(db);
  const state = await loadOrSeedVendor(db, { dataDir: options.dataDir, now: now(), adminToken: options.adminToken, webhookSecret: options.webhookSecret });
  const secrets = new SecretCache();
  await secrets.load(db);
  const adminHash = Buffer.from(sha256Hex(state.adminToken), 'hex');

  const router = new Router<App>().add(
    ...publicRoutes,
    redirectRoute,
    ...enrolRoutes,
    ...ingestRoutes,
    statsRoute,
    webhookRoute,
    ...adminRoutes,
    ...dashboardRoutes(options.dashboardDir ?? join(REPO_ROOT, 'dist-dashboard')),
  );

  // The app is completed once the port is known (the catalog names the endpoint's own URL).
  const codes = new CodeVerifier(secrets, verifyReferralCode, (code) => parseReferralCode(code)?.practitionerNumber ?? null);
  const app = { db, now, state, secrets, codes, clicks: new ClickRecorder(db), referralOffers: new Map(), attributionDays: options.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS } as Partial<App> as App;
  app.limits = {
    perIp: limiter(options.rateLimits?.perIp, DEFAULT_LIMITS.perIp, now),
    perToken: limiter(options.rateLimits?.perToken, DEFAULT_LIMITS.perToken, now),
    redirectPerIp: limiter(options.rateLimits?.redirectPerIp, DEFAULT_LIMITS.redirectPerIp, now),
  };

  async function authenticate(ctx: RouteContext<App>, auth: 'practitioner' | 'admin'): Promise<void> {
    const token = bearer(ctx.req);
    if (!token) throw unauthorized('Send the access token as "Authorization: Bearer <token>".');
    if (auth === 'admin') {
      if (!constantTimeEqual(Buffer.from(sha256Hex(token), 'hex'), adminHash)) throw unauthorized('The admin token is not valid.');
      return;
    }
    const hash = tokenHash(token);
    const wait = app.limits.perToken?.take(hash) ?? 0;
    if (wait > 0) throw rateLimited(wait, 'for this access token');
    const row = await db.selectFrom('practitioners').select('id').where('token_hash', '=', hash).executeTakeFirst();
    if (!row) throw unauthorized('The access token is not valid (unknown, or the enrolment was ended). Enrol again with a new code.');
    ctx.practitionerId = row.id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://endpoint.invalid');
    } catch {
      sendProblem(res, 400, 'bad-request', 'The request target is not a valid URL.');
      return;
    }
    const ip = req.socket.remoteAddress ?? '';
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      const match = router.match('OPTIONS', url.pathname);
      if (match.kind === 'method' && match.cors && isExtensionOrigin(req.headers.origin)) {
        answerPreflight(req, res, [...new Set([...match.allow, 'OPTIONS'])]);
        return;
      }
      if (match.kind === 'none') sendProblem(res, 404, 'not-found', `There is no route ${url.pathname}.`);
      else sendProblem(res, 403, 'cors-origin-not-allowed', 'Cross-origin requests are accepted only from the Advocate browser extension, on its own routes.');
      return;
    }
    const match = router.match(method, url.pathname);
    if (match.kind === 'none') {
      sendProblem(res, 404, 'not-found', `There is no route ${url.pathname}; see openapi/advocate-v1.json for the API.`);
      return;
    }
    if (match.kind === 'method') {
      if (match.cors) applyCors(req, res);
      sendProblem(res, 405, 'method-not-allowed', `${method} is not allowed on ${url.pathname}; use ${match.allow.join(' or ')}.`, undefined, { allow: match.allow.join(', ') });
      return;
    }
    const { route, params } = match;
    if (route.cors) applyCors(req, res);
    const ctx: RouteContext<App> = { req, res, url, params, ip, app, practitionerId: '' };
    try {
      const limit = route.hot ? app.limits.redirectPerIp : app.limits.perIp;
      const wait = limit?.take(ip) ?? 0;
      if (wait > 0) throw rateLimited(wait, 'from this address');
      if (route.auth !== 'none') await authenticate(ctx, route.auth);
      await route.handle(ctx);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        const headers = error.status === 413 ? { ...error.headers, connection: 'close' } : error.headers;
        sendProblem(res, error.status, error.slug, error.message, error.errors, headers);
      } else {
        console.error(`advocate endpoint: ${method} ${url.pathname} failed:`, error);
        sendProblem(res, 500, 'internal-error', 'The endpoint failed to handle this request; nothing was half-written. Try again later.');
      }
    }
  }

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => void handle(req, res));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const catalog = catalogFor(state.catalogTemplate, options.publicUrl ?? url);
  Object.assign(app, indexCatalog(catalog), { catalog });
  const vendor = catalog.vendors[0]!;
  app.vendorInfo = { id: vendor.id, name: vendor.name, homepage: vendor.homepage, publicKeyJwk: state.identity.publicKeyJwk, keyId: state.identity.keyId };

  return {
    url,
    adminToken: state.adminToken,
    webhookSecret: state.webhookSecret,
    demoEnrolmentCode: state.demoEnrolmentCode,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await app.clicks.flush();
      await db.destroy();
    },
  };
}
