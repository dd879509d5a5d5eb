// Public routes: health, vendor identity, catalog (ETag), revocation list.
import { createHash } from 'node:crypto';
import type { Deps } from '../context';
import { jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

export function publicRoutes(routes: Routes, deps: Deps): void {
  // The catalog names the endpoint's own URL: the configured public URL, else the origin the
  // request was sent to. Bodies and ETags are computed once per URL.
  const bodies = new Map<string, { body: string; etag: string }>();
  const catalogAt = (endpoint: string) => {
    let entry = bodies.get(endpoint);
    if (!entry) {
      const vendor = deps.catalog.vendors[0]!;
      const body = JSON.stringify({ ...deps.catalog, vendors: [{ ...vendor, referral: { ...vendor.referral, endpoint } }] });
      entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      if (bodies.size > 16) bodies.clear();
      bodies.set(endpoint, entry);
    }
    return entry;
  };

  routes
    .add('GET', '/healthz', { auth: 'none' }, () => jsonResponse({ ok: true }))
    .add('GET', '/v1/vendor', { auth: 'none', cors: true }, () => jsonResponse(deps.vendorInfo, 200, { 'cache-control': 'public, max-age=300' }))
    .add('GET', '/v1/catalog', { auth: 'none', cors: true }, (c) => {
      const { body, etag } = catalogAt(deps.settings.publicUrl ?? new URL(c.req.url).origin);
      const headers = { etag, 'cache-control': 'public, max-age=60, must-revalidate' };
      const ifNoneMatch = c.req.header('if-none-match');
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) return c.body(null, 304, headers);
      return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
    })
    .add('GET', '/v1/credentials/status', { auth: 'none', cors: true }, async () => {
      const rows = await deps.db.selectFrom('certifications').select(['id', 'revoked_at']).where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
      const updatedAt = rows.length > 0 ? rows[rows.length - 1]!.revoked_at! : new Date(0).toISOString();
      return jsonResponse({ revoked: rows.map((r) => r.id), updatedAt }, 200, { 'cache-control': 'public, max-age=60' });
    });
}
