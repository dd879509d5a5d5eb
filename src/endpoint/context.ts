// What createApp needs and what every route gets: built once, passed down, no globals.
import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { LRUCache } from 'lru-cache';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog, Offer, Product } from '../core/catalog';
import type { VendorInfo } from '../core/protocol/vendor';
import type { Database } from './db/schema';
import type { ClickRecorder } from './domain/clicks';
import type { CodeVerifier, SecretCache } from './domain/secret-cache';
import type { SecretBox } from './domain/at-rest';
import type { IssuerIdentity } from './domain/credentials';
import type { BucketConfig, RateLimiter } from './http/rate-limit';
import type { WebhookVerifier } from './domain/webhook-signature';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLog: Log = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m, e) => console.error(`advocate endpoint: ${m}`, e ?? ''),
};

export const silentLog: Log = { info() {}, warn() {}, error() {} };

/** The vendor's own secrets, read from DATA_DIR or the environment at start. */
export interface EndpointSecrets {
  adminToken: string;
  webhookSecret: string;
  /** 32 bytes: encrypts referral secrets and the signing key at rest. */
  dataKey: Uint8Array;
}

export interface Limits {
  bodyBytes: number;
  /** Requests per client address (IPv6 per /64) on public routes and failed authentications. */
  perAddress: BucketConfig | false;
  /** Requests per validated practitioner token. */
  perToken: BucketConfig | false;
  /** Redirects per client address. */
  redirectPerAddress: BucketConfig | false;
  /** Deals one practitioner may have waiting for review. */
  pendingDeals: number;
  /** How long a click waits for others to share its commit; 0: until the event loop has read what came in together. */
  clickCommitMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 256 * 1024,
  perAddress: { capacity: 120, refillPerSecond: 20 },
  perToken: { capacity: 60, refillPerSecond: 5 },
  redirectPerAddress: { capacity: 600, refillPerSecond: 100 },
  pendingDeals: 20,
  clickCommitMs: 0,
};

export const NO_RATE_LIMITS: Pick<Limits, 'perAddress' | 'perToken' | 'redirectPerAddress'> = { perAddress: false, perToken: false, redirectPerAddress: false };

export interface Settings {
  /** The URL the catalog names as the referral endpoint; null: the origin each request was sent to. */
  publicUrl: string | null;
  /** Extension origins answered with CORS (chrome-extension://<id>, moz-extension://<uuid>). */
  extensionOrigins: string[];
  attributionDays: number;
  /** Units of the vendor's currency per unit of another currency; an order in a currency not listed is refused. */
  exchangeRates: Record<string, number>;
  dashboardDir: string;
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export interface AppOptions {
  db: Kysely<Database>;
  clock: () => Date;
  secrets: EndpointSecrets;
  limits?: Partial<Limits>;
  log?: Log;
  settings?: Partial<Settings>;
}

/** Everything a route or domain function needs. */
export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
  log: Log;
  settings: Settings;
  limits: Limits;
  vendorInfo: VendorInfo;
  /** The catalog as stored (its referral endpoint is filled in per request). */
  catalog: Catalog;
  vendorId: string;
  currency: string;
  products: Map<string, { product: Product; offers: Map<string, Offer> }>;
  offers: Map<string, { offer: Offer; productId: string }>;
  defaultOffer: Offer;
  plainOfferUrl: string;
  signingKey: CryptoKey;
  keyId: string;
  /** The Open Badges issuer: its DID and the verification method credentials are signed with. */
  issuer: IssuerIdentity;
  box: SecretBox;
  secrets: SecretCache;
  codes: CodeVerifier;
  clicks: ClickRecorder;
  webhooks: WebhookVerifier;
  adminTokenHash: Buffer;
  buckets: { perAddress: RateLimiter | null; perToken: RateLimiter | null; redirectPerAddress: RateLimiter | null };
  /**
   * Offer of each synced referral code, so the redirect rarely queries: a stored referral never
   * changes, so a hit is kept; "not synced yet" is kept for a second (it may arrive on another instance).
   */
  referralOffers: LRUCache<string, { offerId: string | null; until: number }>;
}

/** The app, plus the redirect as a plain Node listener for server.ts to put in front of hono. */
export type AdvocateApp = Hono<AppEnv> & { redirectListener(req: IncomingMessage, res: ServerResponse): boolean; /** Stops its timers (the database is the caller's to close). */ close(): void };

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: { practitioner: { id: string; number: number } };
}
