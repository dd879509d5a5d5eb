// The reference endpoint as a newcomer runs it: `src/endpoint/main.ts` in its own Node process
// (what `npm start` and `npm run endpoint` run), configured by the environment, read back from
// what it prints. Its output is kept, not shown: a journey that passes prints nothing of it, and
// one that fails shows its last lines.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../../src/endpoint/main.ts');
const ROOT = resolve(import.meta.dirname, '../..');

export interface Printed {
  url: string;
  adminToken: string;
  webhookSecret: string;
  enrolmentCode: string | null;
  text: string;
}

/** Reads the welcome text (src/endpoint/welcome.ts) the way a person would: the lines it names. */
export function readWelcome(text: string): Printed | null {
  const url = /listening on (\S+)/.exec(text)?.[1];
  const adminToken = /admin token:\s+(\S+)/.exec(text)?.[1];
  const webhookSecret = /webhook secret:\s+(\S+)/.exec(text)?.[1];
  if (!url || !adminToken || !webhookSecret || !text.includes('What to do next')) return null;
  return { url, adminToken, webhookSecret, enrolmentCode: /enrolment code: (\S+)/.exec(text)?.[1] ?? null, text };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

export interface EndpointProcess {
  dataDir: string;
  /** What the latest start printed. */
  printed: Printed;
  url: string;
  /** Everything the process wrote (stdout and stderr), for a failure message. */
  output(): string;
  /** SIGTERM, and wait for the process to end. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same data folder. */
  start(): Promise<Printed>;
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** Reads the endpoint's SQLite database (read-only, beside the running process: WAL allows it). */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

export async function startEndpointProcess(): Promise<EndpointProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'advocate-journey-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  async function start(): Promise<Printed> {
    if (child) throw new Error('The endpoint is already running.');
    let out = '';
    // As a person's shell would start it: not under vitest's NODE_ENV=test.
    const { NODE_ENV: _test, ...env } = process.env;
    const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      log += d.toString();
    });
    proc.stderr!.on('data', (d: Buffer) => void (log += d.toString()));
    return new Promise<Printed>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`The endpoint printed no welcome within 30 s:\n${log.slice(-2000)}`)), 30_000);
      const check = () => {
        const printed = readWelcome(out);
        if (!printed) return;
        clearTimeout(timer);
        proc.stdout!.off('data', check);
        ok(printed);
      };
      proc.stdout!.on('data', check);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        child = null;
        fail(new Error(`The endpoint process ended (exit ${code}) before it listened:\n${log.slice(-2000)}`));
      });
    });
  }

  const first = await start();
  const handle: EndpointProcess = {
    dataDir,
    printed: first,
    url: first.url,
    output: () => log,
    async stop() {
      const proc = child;
      if (!proc) return;
      const exited = new Promise((ok) => proc.once('exit', ok));
      proc.kill('SIGTERM');
      await exited;
      child = null;
    },
    async start() {
      handle.printed = await start();
      return handle.printed;
    },
    async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${first.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${first.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(dataDir, 'advocate.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async close() {
      await handle.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
