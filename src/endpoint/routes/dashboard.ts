// The vendor dashboard's static files (built by Vite into dist-dashboard/). The page itself is
// public; every number it shows comes from /v1/admin/* with the admin token the user types in.
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { HttpError } from '../http/problem';

const HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function dashboardRoutes(app: Hono<AppEnv>, dir: string): void {
  const root = relative(process.cwd(), dir) || '.';
  app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
  app.use('/dashboard/*', async (c, next) => {
    if (c.req.path === '/dashboard/' && !existsSync(join(dir, 'index.html'))) {
      throw new HttpError(503, 'dashboard-not-built', 'The dashboard is not built yet: run `npx vite build -c src/endpoint/dashboard/vite.config.ts`.');
    }
    await next();
    if (c.res.status === 200) {
      for (const [k, v] of Object.entries(HEADERS)) c.res.headers.set(k, v);
      c.res.headers.set('cache-control', c.req.path.startsWith('/dashboard/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });
  app.get('/dashboard/*', serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/dashboard/, '') }));
}
