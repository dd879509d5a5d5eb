// The endpoint's configuration from the environment, checked at start: every mistake is named
// with what was given and what is expected, all at once, before anything is opened.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseWebUrl } from '../core/schema/url';
import { isExtensionOrigin } from './http/cors';

export interface EndpointConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | null;
  adminToken: string | undefined;
  webhookSecret: string | undefined;
  dataKey: Uint8Array | undefined;
  extensionOrigins: string[] | undefined;
  attributionDays: number | undefined;
  exchangeRates: Record<string, number>;
  trustProxy: boolean;
  /** postgres://… : PostgreSQL (several instances may share it); null: SQLite in DATA_DIR. */
  databaseUrl: string | null;
}

/** A database URL from DATABASE_URL: postgres:// or postgresql:// (anything else is refused). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

export type ConfigResult = { ok: true; config: EndpointConfig } | { ok: false; errors: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const errors: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };

  let port = 8787;
  const portText = value('PORT');
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) errors.push(`PORT must be a whole number from 0 to 65535 (got "${portText}").`);
  }

  const host = value('HOST') ?? '127.0.0.1';

  const dataDir = resolve(value('DATA_DIR') ?? './data');
  try {
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) errors.push(`DATA_DIR ${dataDir} exists but is not a folder.`);
    else {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    }
  } catch (error) {
    errors.push(`DATA_DIR ${dataDir} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }

  const publicUrlText = value('PUBLIC_URL');
  let publicUrl: string | null = null;
  if (publicUrlText !== undefined) {
    const url = parseWebUrl(publicUrlText);
    if (!url || url.search || url.hash) errors.push(`PUBLIC_URL must be the http(s) address practitioners' links use, without ?query or #fragment (got "${publicUrlText}").`);
    else publicUrl = url.href.replace(/\/$/, '');
  }

  const adminToken = value('ADMIN_TOKEN');
  if (adminToken !== undefined && (adminToken.length < 32 || /\s/.test(adminToken))) errors.push('ADMIN_TOKEN must be at least 32 characters without spaces (or leave it unset to use DATA_DIR/admin-token).');

  const webhookSecret = value('WEBHOOK_SECRET');
  if (webhookSecret !== undefined) {
    const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(webhookSecret);
    if (!m || Buffer.from(m[1]!, 'base64').length < 24) errors.push('WEBHOOK_SECRET must be "whsec_" followed by at least 24 bytes in base64 (Standard Webhooks), or unset to use DATA_DIR/webhook-secret.');
  }

  const keyText = value('ADVOCATE_DATA_KEY');
  let dataKey: Uint8Array | undefined;
  if (keyText !== undefined) {
    const key = /^[A-Za-z0-9_-]+$/.test(keyText) ? Buffer.from(keyText, 'base64url') : Buffer.alloc(0);
    if (key.length !== 32) errors.push('ADVOCATE_DATA_KEY must be 32 random bytes in base64url (43 characters), e.g. from `openssl rand -base64 32 | tr "+/" "-_" | tr -d "="`.');
    else dataKey = key;
  }

  const originsText = value('EXTENSION_ORIGINS');
  let extensionOrigins: string[] | undefined;
  if (originsText !== undefined) {
    extensionOrigins = originsText.split(',').map((s) => s.trim()).filter(Boolean);
    for (const origin of extensionOrigins) {
      if (!isExtensionOrigin(origin)) errors.push(`EXTENSION_ORIGINS: "${origin}" is not an extension origin (chrome-extension://<32 letters a-p> or moz-extension://<uuid>).`);
    }
  }

  const daysText = value('ATTRIBUTION_DAYS');
  let attributionDays: number | undefined;
  if (daysText !== undefined) {
    attributionDays = Number(daysText);
    if (!/^\d+$/.test(daysText) || attributionDays < 1 || attributionDays > 365) errors.push(`ATTRIBUTION_DAYS must be a whole number of days from 1 to 365 (got "${daysText}").`);
  }

  const exchangeRates: Record<string, number> = {};
  const ratesText = value('EXCHANGE_RATES');
  if (ratesText !== undefined) {
    for (const pair of ratesText.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(pair);
      if (!m || Number(m[2]) <= 0) errors.push(`EXCHANGE_RATES: "${pair}" must look like EUR=1.08 (units of the vendor's currency per unit of EUR).`);
      else exchangeRates[m[1]!] = Number(m[2]);
    }
  }

  const trust = value('TRUST_PROXY');
  if (trust !== undefined && trust !== '0' && trust !== '1') errors.push(`TRUST_PROXY must be 1 (behind a proxy that sets X-Forwarded-For) or 0 (got "${trust}").`);

  const databaseUrl = value('DATABASE_URL') ?? null;
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) errors.push('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), or unset for SQLite in DATA_DIR.');

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, config: { port, host, dataDir, publicUrl, adminToken, webhookSecret, dataKey, extensionOrigins, attributionDays, exchangeRates, trustProxy: trust === '1', databaseUrl } };
}
