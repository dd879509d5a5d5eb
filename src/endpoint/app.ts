// createApp: the whole HTTP API as one hono app over a migrated, seeded database. It never
// listens (main.ts and server.ts do), so tests drive it through app.request() with their own
// clock. One pipeline for every route: CORS for the listed extension origins, rate limits,
// authentication, the handler, and RFC 9457 problem details for every failure (one onError).
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { LRUCache } from 'lru-cache';
import { fileURLToPath } from 'node:url';
import { parseReferralCode, verifyReferralCode } from '../core/referral/code';
import { DEFAULT_LIMITS, consoleLog, type AdvocateApp, type AppEnv, type AppOptions, type Deps, type Settings } from './context';
import { SecretBox } from './domain/at-rest';
import { issuerIdentity } from './domain/credentials';
import { ClickRecorder } from './domain/clicks';
import { DEFAULT_ATTRIBUTION_DAYS } from './domain/commission';
import { plainOfferPage } from './domain/demo-catalog';
import { CodeVerifier, SecretCache } from './domain/secret-cache';
import { isPostgres } from './db/create';
import { constantTimeEqual, sha256Hex } from './domain/secrets';
import { loadVendor } from './domain/vendor-state';
import { WebhookVerifier } from './domain/webhook-signature';
import { addressKey, clientAddress } from './http/address';
import { limitBody } from './http/body';
import { chromeIdForFolder, corsFor, refused } from './http/cors';
import { HttpError, problemResponse, rateLimited, unauthorized } from './http/problem';
import { RateLimiter, type BucketConfig } from './http/rate-limit';
import { Routes, type RouteOptions } from './http/routes';
import { adminRoutes } from './routes/admin';
import { credentialRoutes } from './routes/credentials';
import { dashboardRoutes } from './routes/dashboard';
import { enrolRoutes, tokenHash } from './routes/enrol';
import { ingestRoutes } from './routes/ingest';
import { practitionerRoutes } from './routes/practitioner';
import { publicRoutes } from './routes/public';
import { redirectListener, redirectRoutes } from './routes/redirect';
import { webhookRoutes } from './routes/webhooks';

/** How soon an instance learns of an enrolment made on another one (PostgreSQL). */
export const SECRET_REFRESH_MS = 1000;

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The demo configuration: the dev build in dist/, as Chrome names it when loaded unpacked. */
export const devExtensionOrigins = () => [`chrome-extension://${chromeIdForFolder(`${REPO_ROOT}dist`)}`];

export const DEFAULT_SETTINGS: Settings = {
  publicUrl: null,
  extensionOrigins: [],
  attributionDays: DEFAULT_ATTRIBUTION_DAYS,
  exchangeRates: {},
  dashboardDir: `${REPO_ROOT}dist-dashboard`,
  trustProxy: false,
};

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

export async function createApp(options: AppOptions): Promise<AdvocateApp> {
  const { db, clock: now } = options;
  const log = options.log ?? consoleLog;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const settings: Settings = { ...DEFAULT_SETTINGS, extensionOrigins: devExtensionOrigins(), ...options.settings };
  const box = new SecretBox(options.secrets.dataKey);
  const vendor = await loadVendor(db, box);
  const secrets = new SecretCache(db, box);
  await secrets.load();
  // Several instances may share a PostgreSQL database: learn who enrolled on the others.
  const refresh = isPostgres(db)
    ? setInterval(() => secrets.refresh().catch((error: unknown) => log.warn(`could not refresh referral secrets: ${(error as Error).message}`)), SECRET_REFRESH_MS).unref()
    : null;
  const catalogVendor = vendor.catalog.vendors[0]!;
  const issuer = issuerIdentity(settings.publicUrl, vendor.identity.publicKeyJwk);
  const limiter = (config: BucketConfig | false) => (config === false ? null : new RateLimiter(config, () => now().getTime()));

  const deps: Deps = {
    db,
    now,
    log,
    settings,
    limits,
    vendorInfo: {
      id: catalogVendor.id,
      name: catalogVendor.name,
      homepage: catalogVendor.homepage,
      publicKeyJwk: vendor.identity.publicKeyJwk,
      keyId: vendor.identity.keyId,
      did: issuer.did,
      publicKeyMultibase: issuer.publicKeyMultibase,
    },
    catalog: vendor.catalog,
    vendorId: catalogVendor.id,
    currency: catalogVendor.currency,
    products: new Map(catalogVendor.products.map((p) => [p.id, { product: p, offers: new Map(p.offers.map((o) => [o.id, o])) }])),
    offers: new Map(catalogVendor.products.flatMap((p) => p.offers.map((o) => [o.id, { offer: o, productId: p.id }] as const))),
    defaultOffer: catalogVendor.products[0]!.offers[0]!,
    plainOfferUrl: plainOfferPage(catalogVendor.homepage),
    signingKey: vendor.signingKey,
    keyId: vendor.identity.keyId,
    issuer,
    box,
    secrets,
    codes: new CodeVerifier(secrets, verifyReferralCode, (code) => parseReferralCode(code)?.practitionerNumber ?? null),
    clicks: new ClickRecorder(db, log, limits.clickCommitMs),
    webhooks: new WebhookVerifier(options.secrets.webhookSecret, now),
    adminTokenHash: Buffer.from(sha256Hex(options.secrets.adminToken), 'hex'),
    buckets: { perAddress: limiter(limits.perAddress), perToken: limiter(limits.perToken), redirectPerAddress: limiter(limits.redirectPerAddress) },
    referralOffers: new LRUCache({ max: 200_000 }),
  };

  const app = new Hono<AppEnv>();
  const take = (bucket: RateLimiter | null, key: string, what: string) => {
    const wait = bucket?.take(key) ?? 0;
    if (wait > 0) throw rateLimited(wait, what);
  };
  const byAddress = (c: Parameters<MiddlewareHandler<AppEnv>>[0], bucket: RateLimiter | null) => take(bucket, addressKey(clientAddress(c, settings.trustProxy)), 'from this address');

  const auth = (route: RouteOptions): MiddlewareHandler<AppEnv> => async (c, next) => {
    if (route.hot) {
      // the redirect takes from its own bucket in visit(), the same for the Node fast path
    } else if (route.auth === 'none') {
      if (!route.signed) byAddress(c, deps.buckets.perAddress);
    } else {
      const token = bearer(c.req.header('authorization'));
      if (route.auth === 'admin') {
        if (!token || !constantTimeEqual(Buffer.from(sha256Hex(token), 'hex'), deps.adminTokenHash)) {
          byAddress(c, deps.buckets.perAddress);
          throw unauthorized(token ? 'The admin token is not valid.' : 'Send the admin token as "Authorization: Bearer <token>".');
        }
      } else {
        const row = token ? await db.selectFrom('practitioners').select(['id', 'number']).where('token_hash', '=', tokenHash(token)).executeTakeFirst() : undefined;
        if (!row) {
          byAddress(c, deps.buckets.perAddress);
          throw unauthorized(token ? 'The access token is not valid (unknown, or the enrolment was ended). Enrol again with a new code.' : 'Send the access token as "Authorization: Bearer <token>".');
        }
        take(deps.buckets.perToken, row.id, 'for this access token');
        c.set('practitioner', { id: row.id, number: Number(row.number) });
      }
    }
    await next();
  };

  const routes = new Routes(app, { auth, body: limitBody(limits.bodyBytes) });
  const allowedOrigins = new Set(settings.extensionOrigins);
  const cors = corsFor(allowedOrigins);
  app.use('*', async (c, next) => {
    const allowed = routes.allowed(c.req.path);
    if (routes.isCors(c.req.path)) return cors(c, next);
    if (c.req.method === 'OPTIONS' && allowed.length > 0) return refused();
    await next();
  });

  publicRoutes(routes, deps);
  credentialRoutes(routes, deps);
  redirectRoutes(routes, deps);
  enrolRoutes(routes, deps);
  ingestRoutes(routes, deps);
  practitionerRoutes(routes, deps);
  webhookRoutes(routes, deps);
  adminRoutes(routes, deps);
  dashboardRoutes(app, settings.dashboardDir);

  app.notFound((c) => {
    const allow = routes.allowed(c.req.path);
    if (allow.length > 0 && c.req.method !== 'OPTIONS') {
      return problemResponse(405, 'method-not-allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(' or ')}.`, undefined, { allow: allow.join(', ') });
    }
    return problemResponse(404, 'not-found', `There is no route ${c.req.path}; see openapi/advocate-v1.json for the API.`);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return problemResponse(error.status, error.slug, error.message, error.errors, error.headers);
    if (error instanceof HTTPException) return problemResponse(error.status, 'bad-request', error.message || 'The request could not be read.');
    // PostgreSQL text cannot hold NUL (SQLite can): a NUL that got past validation into a query is bad input, not a failure.
    if ((error as { code?: unknown }).code === '22021' && /0x00/.test((error as Error).message)) return problemResponse(400, 'bad-request', 'The request contains a NUL character, which no field accepts.');
    log.error(`${c.req.method} ${c.req.path} failed`, error);
    return problemResponse(500, 'internal-error', 'The endpoint failed to handle this request; nothing was half-written. Try again later.');
  });

  return Object.assign(app, {
    redirectListener: redirectListener(deps),
    close() {
      if (refresh) clearInterval(refresh);
    },
  });
}
