// The one HTTP proxy for fault tests (the browser run and the worker's sync in Node): sits between
// the extension and the reference endpoint and, request by request, passes it, answers 5xx or
// 429 with Retry-After, hangs, resets the connection before or after the endpoint acted, trickles
// the body, stalls the body half-way, loses the response after the endpoint has acted, or sends
// the request twice. Real sockets, so clients see real resets and real timeouts. Loopback only;
// every fault is bounded in time so the test always ends.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULTS = ['ok', 'error-5xx', 'error-429', 'hang', 'reset-before', 'reset-after', 'slow-body', 'stalled-body', 'lost-response', 'duplicate'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxyOptions {
  target: string; // http://127.0.0.1:port
  /** Relative weights of each fault; 'ok' gets whatever weight you give it. */
  weights?: Partial<Record<Fault, number>>;
  /** Or pick the fault per request yourself (e.g. from a seeded plan); overrides `weights`. */
  choose?: (req: IncomingMessage) => Fault;
  /** Deterministic runs: a seed for the fault choice. */
  seed?: number;
  /** Only requests whose path starts with one of these get faults (others pass through). */
  faultPaths?: string[];
  hangMs?: number;
}

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  setWeights(weights: Partial<Record<Fault, number>>): void;
  close(): Promise<void>;
}

/** mulberry32: small, seedable, good enough to pick faults. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, up: Upstream) {
  const headers = { ...up.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  headers['content-length'] = String(up.body.length);
  res.writeHead(up.status, headers as Record<string, string>).end(up.body);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = seeded(options.seed ?? 1);
  let weights: Partial<Record<Fault, number>> = options.weights ?? { ok: 1 };
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const hangMs = options.hangMs ?? 35_000;

  const pick = (): Fault => {
    const entries = Object.entries(weights) as [Fault, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [fault, w] of entries) if ((r -= w) < 0) return fault;
    return 'ok';
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  };

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const eligible = !options.faultPaths || options.faultPaths.some((p) => req.url?.startsWith(p));
      const fault = !eligible ? 'ok' : options.choose ? options.choose(req) : pick();
      counts[fault]++;
      switch (fault) {
        case 'ok':
          return reply(res, await forward(target, req, body));
        case 'error-5xx':
          return void res.writeHead(random() < 0.5 ? 503 : 500, { 'content-type': 'text/plain' }).end('injected failure');
        case 'error-429':
          return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/problem+json' }).end('{"title":"Too many requests","detail":"injected"}');
        case 'hang': // never answers; the client must time out. Closed after hangMs so the test ends.
          return later(hangMs, () => req.socket.destroy());
        case 'reset-before':
          return void req.socket.destroy();
        case 'reset-after': // the endpoint acted, the client never hears it
          await forward(target, req, body);
          return void req.socket.destroy();
        case 'lost-response':
          await forward(target, req, body);
          return void res.writeHead(502, { 'content-type': 'text/plain' }).end('injected: upstream answer lost');
        case 'slow-body': {
          const up = await forward(target, req, body);
          const headers = { ...up.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(up.status, headers as Record<string, string>);
          let i = 0;
          const step = Math.max(1, Math.ceil(up.body.length / 20));
          const drip = () => {
            if (res.destroyed) return;
            if (i >= up.body.length) return void res.end();
            res.write(up.body.subarray(i, (i += step)));
            later(100, drip);
          };
          return drip();
        }
        case 'stalled-body': {
          // Headers and a few bytes, then nothing: the client's timeout must cover reading the body.
          const up = await forward(target, req, body);
          const headers = { ...up.headers };
          delete headers['transfer-encoding'];
          headers['content-length'] = String(up.body.length);
          res.writeHead(up.status, headers as Record<string, string>);
          res.write(up.body.subarray(0, Math.min(5, Math.max(0, up.body.length - 1))));
          return later(hangMs, () => req.socket.destroy());
        }
        case 'duplicate': {
          await forward(target, req, body);
          return reply(res, await forward(target, req, body));
        }
      }
    } catch {
      if (!res.headersSent) res.writeHead(502).end('proxy could not reach the endpoint');
      else res.destroy();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    setWeights: (w) => void (weights = w),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
