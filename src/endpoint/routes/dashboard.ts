// The vendor dashboard's static files (built by Vite into dist-dashboard/). The page itself is
// public; every number it shows comes from /v1/admin/* with the admin token the user types in.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from '../http/problem';
import type { AppRoute, Ctx } from './types';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

async function serve(ctx: Ctx, dir: string, relative: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(join(dir, relative));
  } catch {
    if (relative === 'index.html') {
      throw new HttpError(503, 'dashboard-not-built', 'The dashboard is not built yet: run `npx vite build -c src/endpoint/dashboard/vite.config.ts`.');
    }
    throw new HttpError(404, 'not-found', `There is no dashboard file ${relative}.`);
  }
  const ext = relative.slice(relative.lastIndexOf('.'));
  ctx.res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': relative === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body);
}

export function dashboardRoutes(dir: string): AppRoute[] {
  return [
    {
      method: 'GET',
      path: '/dashboard',
      auth: 'none',
      handle: ({ res }) => {
        res.writeHead(301, { location: '/dashboard/', 'content-length': 0 });
        res.end();
      },
    },
    { method: 'GET', path: '/dashboard/', auth: 'none', handle: (ctx) => serve(ctx, dir, 'index.html') },
    {
      method: 'GET',
      path: '/dashboard/assets/:file',
      auth: 'none',
      handle: (ctx) => {
        const file = ctx.params.file!;
        if (!SAFE_NAME.test(file) || file.startsWith('.')) throw new HttpError(404, 'not-found', 'No such dashboard file.');
        return serve(ctx, dir, `assets/${file}`);
      },
    },
  ];
}
