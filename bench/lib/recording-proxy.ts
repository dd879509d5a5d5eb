// A loopback HTTP proxy that keeps every request it forwards while `recording` is on, so a bench
// can send exactly the same bytes again without the extension. Upstream down → 502 at once.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
}

export interface RecordingProxy {
  url: string;
  recording: boolean;
  readonly recorded: Recorded[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const recorded: Recorded[] = [];
  const state = { recording: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          if (state.recording) recorded.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, status: up.statusCode ?? 0 });
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', () => void (res.headersSent ? res.destroy() : res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream down')));
      out.end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get recording() {
      return state.recording;
    },
    set recording(on: boolean) {
      state.recording = on;
    },
    recorded,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Sends recorded requests again, one after another as the extension did; returns the statuses. */
export async function replay(target: string, requests: readonly Recorded[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const r of requests) {
    const headers = Object.fromEntries(
      Object.entries(r.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${r.path}`, { method: r.method, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : new Uint8Array(r.body) });
    await answer.arrayBuffer();
    statuses.push(answer.status);
  }
  return statuses;
}
