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
  app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/dashboard/*', (c) => {
      if (c.req.path !== '/dashboard/' && c.req.path !== '/dashboard/index.html') throw new HttpError(404, 'not-found', `There is no dashboard file ${c.req.path}.`);
      throw new HttpError(503, 'dashboard-not-built', 'The dashboard is not built: run `npx vite build -c src/endpoint/dashboard/vite.config.ts`, then start the endpoint again.');
    });
    return;
  }
  app.use('/dashboard/*', async (c, next) => {
    await next();
    if (c.res.status === 200) {
      for (const [k, v] of Object.entries(HEADERS)) c.res.headers.set(k, v);
      c.res.headers.set('cache-control', c.req.path.startsWith('/dashboard/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
  });
  app.get('/dashboard/*', serveStatic({ root: relative(process.cwd(), dir) || '.', rewriteRequestPath: (path) => path.replace(/^\/dashboard/, '') }));
}
