// A tiny router: method + path pattern with `:params`. Unknown path -> 404, known path with
// another method -> 405 with Allow.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Auth = 'none' | 'practitioner' | 'admin';

export interface RouteContext<App> {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  ip: string;
  app: App;
  /** Set by the auth step for `practitioner` routes. */
  practitionerId: string;
}

export interface Route<App> {
  method: string;
  path: string;
  auth: Auth;
  /** The extension calls this route from its pages or worker: answer CORS for extension origins. */
  cors?: boolean;
  /** Skip the per-IP rate limit (the redirect has its own cheaper guard). */
  hot?: boolean;
  handle(ctx: RouteContext<App>): Promise<void> | void;
}

interface Compiled<App> {
  route: Route<App>;
  segments: string[];
}

export type Match<App> =
  | { kind: 'found'; route: Route<App>; params: Record<string, string> }
  | { kind: 'method'; allow: string[]; cors: boolean }
  | { kind: 'none' };

export class Router<App> {
  private readonly routes: Compiled<App>[] = [];

  add(...routes: Route<App>[]): this {
    for (const route of routes) this.routes.push({ route, segments: route.path.split('/').slice(1) });
    return this;
  }

  match(method: string, pathname: string): Match<App> {
    const parts = pathname.split('/').slice(1);
    const allow: string[] = [];
    let cors = false;
    for (const { route, segments } of this.routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { kind: 'found', route, params };
      allow.push(route.method);
      cors ||= route.cors === true;
    }
    return allow.length > 0 ? { kind: 'method', allow, cors } : { kind: 'none' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const part = parts[i]!;
    if (p.startsWith(':')) {
      if (part === '') return null;
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        params[p.slice(1)] = part; // broken escapes reach the handler as typed; it decides
      }
    } else if (p !== part) return null;
  }
  return params;
}
