// The route table: every route is registered through here so the app knows, for a path, which
// methods exist (405 with Allow), which routes answer CORS, and how each is authenticated.
import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

export type Auth = 'none' | 'practitioner' | 'admin';

export interface RouteOptions {
  auth: Auth;
  /** The extension calls this route: answer CORS for the configured extension origins. */
  cors?: boolean;
  /** The redirect: its own, larger per-address bucket. */
  hot?: boolean;
  /** Accepts a request body (size-limited). */
  body?: boolean;
  /** Authenticated by a signature over the body (webhooks): no per-address limit. */
  signed?: boolean;
}

interface Entry {
  method: string;
  path: string;
  pattern: RegExp;
  options: RouteOptions;
}

export interface RouteMiddleware {
  auth(options: RouteOptions): MiddlewareHandler<AppEnv>;
  body: MiddlewareHandler<AppEnv>;
}

export class Routes {
  private readonly entries: Entry[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly middleware: RouteMiddleware,
  ) {}

  add(method: 'GET' | 'POST' | 'DELETE', path: string, options: RouteOptions, handler: Handler<AppEnv>): this {
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[a-z]+/gi, '[^/]+')}$`);
    this.entries.push({ method, path, pattern, options });
    const chain: MiddlewareHandler<AppEnv>[] = [this.middleware.auth(options)];
    if (options.body) chain.push(this.middleware.body);
    this.app.on([method], [path], ...(chain as Handler<AppEnv>[]), handler);
    return this;
  }

  /** Methods registered for a concrete path (empty: no such path). */
  allowed(pathname: string): string[] {
    return [...new Set(this.entries.filter((e) => e.pattern.test(pathname)).map((e) => e.method))];
  }

  isCors(pathname: string): boolean {
    return this.entries.some((e) => e.options.cors && e.pattern.test(pathname));
  }
}
