// CORS only for the extension builds the vendor lists (EXTENSION_ORIGINS), and only on the
// routes the extension calls. An extension with host permission for the endpoint is not subject
// to CORS at all; the list matters for builds without it, and keeps every other origin out.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { problemResponse } from './problem';

const ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|safari-web-extension:\/\/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$/;

export const isExtensionOrigin = (origin: string) => ORIGIN.test(origin);

/**
 * The id Chrome gives an unpacked extension loaded from `folder`: SHA-256 of its absolute path,
 * first 16 bytes, hex digits 0-f written as a-p. The demo configuration allows the dev build.
 */
export function chromeIdForFolder(folder: string): string {
  let path = folder;
  try {
    path = realpathSync(folder);
  } catch {
    // not built yet: the id of the path as given
  }
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

export function corsFor(allowed: ReadonlySet<string>): MiddlewareHandler {
  const inner = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && (!origin || !allowed.has(origin))) return refused();
    return inner(c, next);
  };
}

export const refused = () =>
  problemResponse(403, 'cors-origin-not-allowed', 'Cross-origin requests are accepted only from the Advocate extension builds this vendor lists, on the routes the extension calls.');
