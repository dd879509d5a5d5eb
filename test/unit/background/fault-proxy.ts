// A fault-injecting HTTP proxy for sync tests: sits between the extension (or the worker's sync
// in Node) and a vendor endpoint, and for each request decides to pass it, answer 503 or 429,
// reset the connection, hang, forward it and then drop the answer, forward it twice, or stall
// the body half-way. Real sockets, so clients see real resets and real timeouts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAULTS = ['pass', 'e5xx', 'e429', 'reset', 'hang', 'lostAnswer', 'duplicate', 'slowBody'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host', 'upgrade']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function forward(target: string, req: IncomingMessage, body: Buffer) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
  const method = req.method ?? 'GET';
  const res = await fetch(target + (req.url ?? '/'), { method, headers, body: method === 'GET' || method === 'HEAD' ? null : new Uint8Array(body) });
  const out = Buffer.from(await res.arrayBuffer());
  const outHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) outHeaders[name] = value;
  });
  return { status: res.status, headers: outHeaders, body: out };
}

/** `choose` picks the fault for each request (e.g. from a seeded PRNG). */
export async function startFaultProxy(target: string, choose: (req: IncomingMessage) => Fault): Promise<FaultProxy> {
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const fault = choose(req);
    counts[fault]++;
    const send = (answer: { status: number; headers: Record<string, string>; body: Buffer }) => {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    };
    switch (fault) {
      case 'e5xx':
        return send({ status: 503, headers: { 'content-type': 'application/problem+json' }, body: Buffer.from('{"title":"Service unavailable","detail":"injected"}') });
      case 'e429':
        return send({ status: 429, headers: { 'retry-after': '1' }, body: Buffer.alloc(0) });
      case 'reset':
        return req.socket.destroy();
      case 'hang':
        return; // the client's timeout ends it
      case 'lostAnswer':
        await forward(target, req, body); // the vendor did the work...
        return req.socket.destroy(); // ...and the answer never arrives
      case 'duplicate':
        await forward(target, req, body);
        return send(await forward(target, req, body));
      case 'slowBody': {
        const answer = await forward(target, req, body);
        res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        res.write(answer.body.subarray(0, Math.min(5, answer.body.length - 1)));
        return; // never finishes
      }
      case 'pass':
        return send(await forward(target, req, body));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
