// Public routes: health, vendor identity, catalog (ETag), revocation list.
import { sendJson } from '../http/problem';
import type { AppRoute } from './types';

export const publicRoutes: AppRoute[] = [
  {
    method: 'GET',
    path: '/healthz',
    auth: 'none',
    handle: ({ res }) => sendJson(res, 200, { ok: true }),
  },
  {
    method: 'GET',
    path: '/v1/vendor',
    auth: 'none',
    cors: true,
    handle: ({ res, app }) => sendJson(res, 200, app.vendorInfo, { 'cache-control': 'public, max-age=300' }),
  },
  {
    method: 'GET',
    path: '/v1/catalog',
    auth: 'none',
    cors: true,
    handle: ({ req, res, app }) => {
      const headers = { etag: app.catalogEtag, 'cache-control': 'public, max-age=60, must-revalidate' };
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === app.catalogEtag || tag.trim() === '*')) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(app.catalogBody) });
      res.end(req.method === 'HEAD' ? undefined : app.catalogBody);
    },
  },
  {
    method: 'GET',
    path: '/v1/credentials/status',
    auth: 'none',
    cors: true,
    handle: async ({ res, app }) => {
      const rows = await app.db.selectFrom('certifications').select(['id', 'revoked_at']).where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
      const updatedAt = rows.length > 0 ? rows[rows.length - 1]!.revoked_at! : app.state.startedAt;
      sendJson(res, 200, { revoked: rows.map((r) => r.id), updatedAt }, { 'cache-control': 'public, max-age=60' });
    },
  },
];
