// Redirect and ingest throughput of the reference endpoint at scale, side by side in one run: one
// instance on SQLite, one on PostgreSQL, and two on the same PostgreSQL database (requests
// alternate between them, as behind a load balancer), with a bare Node server that only answers
// 302 as the reference. Each endpoint is its own process (test/endpoint/child-endpoint.ts); the
// PostgreSQL server is a throwaway cluster on loopback (test/postgres/cluster.ts, fsync off, so
// these are CPU figures, not disk ones). Every counted click is committed before its answer.
// The machine has 2 cores shared by everything here (server, instances, load generator).
//   npx tsx bench/endpoint-scale.ts [--quick]      (BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONCURRENCY override)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeBase64Url } from '../src/core/credential/base64url';
import { createReferralCode, randomNonce } from '../src/core/referral/code';
import { SECRET_REFRESH_MS } from '../src/endpoint/app';
import { startThrowawayPostgres } from '../test/postgres/cluster';
import { createScratchDatabase } from '../test/postgres/databases';
import { median, runStandalone, type Bench, type Figure } from './figure';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
type Run = { done: number; failed: number; ms: number };

// Plain JS in a worker: each connection slot sends to urls[slot % urls.length], round-robin over
// `requests`, until time runs out (or, with `once`, the list is used up).
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { urls, requests, seconds, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const targets = urls.map((u) => new URL(u));
let done = 0, failed = 0, next = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
function one(slot, resolve) {
  if (Date.now() >= deadline || (requests[0].once && next >= requests.length)) return resolve();
  const r = requests[next++ % requests.length];
  const target = targets[slot % targets.length];
  const req = http.request({ host: target.hostname, port: target.port, path: r.path, method: r.method, agent, headers: r.headers }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode >= 400) failed++; done++; one(slot, resolve); });
  });
  req.on('error', () => { failed++; done++; one(slot, resolve); });
  req.end(r.body);
}
Promise.all(Array.from({ length: concurrency }, (_, slot) => new Promise((r) => one(slot, r)))).then(() => {
  parentPort.postMessage({ done, failed, ms: Date.now() - started });
  agent.destroy();
});
`;

interface Req {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  once?: boolean;
}

function drive(urls: string[], requests: Req[], seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { urls, requests, seconds, concurrency: CONCURRENCY } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const rate = (r: Run) => (r.done / r.ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const NAVIGATION = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };
const SECRETS = { ADMIN_TOKEN: `adm_${randomBytes(24).toString('base64url')}`, WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`, ADVOCATE_DATA_KEY: randomBytes(32).toString('base64url') };
const CHILD = fileURLToPath(new URL('../test/endpoint/child-endpoint.ts', import.meta.url));

async function startInstances(count: number, databaseUrl: string | null, cleanup: (() => void)[]): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'advocate-bench-scale-'));
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...SECRETS, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
      cleanup.push(() => {
        child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      return new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d.toString();
          if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
        });
        child.once('exit', () => reject(new Error('an endpoint process ended before it answered')));
      });
    }),
  );
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface Setup {
  name: string;
  urls: string[];
  /** The usual mix: 200 codes × 50 visitors, most clicks repeat one committed already. */
  clicks: Req[];
  /** Every click a new row. */
  fresh: Req[];
  batches: () => Promise<Req[]>;
}

async function prepare(name: string, urls: string[]): Promise<Setup> {
  const created = await post(urls[0]!, '/v1/admin/practitioners', { displayName: 'Bench', email: `bench-${randomUUID().slice(0, 8)}@bench.example.com` }, SECRETS.ADMIN_TOKEN);
  const enrolment = await post(urls[urls.length - 1]!, '/v1/enrol', { code: created.enrolmentCode });
  const secret = decodeBase64Url(enrolment.referralSecret)!;
  const newCode = () => createReferralCode({ practitionerNumber: enrolment.practitioner.number, nonce: randomNonce() }, secret);
  const auth = { authorization: `Bearer ${enrolment.accessToken}`, 'content-type': 'application/json' };
  const item = (code: string) => ({ id: randomUUID(), code, vendorId: 'demo-db', productId: 'mysql', offerId: 'mysql-enterprise', channel: 'forum-answer', createdAt: new Date().toISOString() });
  const codes = await Promise.all(Array.from({ length: 200 }, newCode));
  await post(urls[0]!, '/v1/referrals', { referrals: codes.slice(0, 100).map(item) }, enrolment.accessToken);
  if (urls.length > 1) await new Promise((r) => setTimeout(r, 2 * SECRET_REFRESH_MS + 200)); // the other instance learns the enrolment
  const clicks: Req[] = Array.from({ length: 10_000 }, (_, i) => ({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { ...NAVIGATION, 'user-agent': `bench-visitor-${i % 50}` } }));
  const fresh: Req[] = Array.from({ length: 60_000 }, (_, i) => ({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { ...NAVIGATION, 'user-agent': `${name}-new-visitor-${randomUUID()}` } }));
  const batches = async () => {
    const out: Req[] = [];
    for (let b = 0; b < 200; b++) out.push({ path: '/v1/referrals', method: 'POST', headers: auth, body: JSON.stringify({ referrals: (await Promise.all(Array.from({ length: 100 }, newCode))).map(item) }), once: true });
    return out;
  };
  return { name, urls, clicks, fresh, batches };
}

export const bench: Bench = {
  title: 'Reference endpoint at scale: one instance on SQLite, one and two on PostgreSQL, vs a bare Node 302 server',
  async run({ quick }): Promise<Figure[]> {
    const seconds = Number(process.env.BENCH_SECONDS ?? 1);
    const rounds = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
    const cleanup: (() => void)[] = [];
    const bare = createServer((req, res) => {
      req.resume();
      res.writeHead(302, { location: 'https://demo-db.example.com/offers/mysql-enterprise', 'content-length': 0 });
      res.end();
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const cluster = await startThrowawayPostgres();
    try {
      const one = await createScratchDatabase(cluster.url, { reuse: false });
      const two = await createScratchDatabase(cluster.url, { reuse: false });
      const setups = [
        await prepare('sqlite-1', await startInstances(1, null, cleanup)),
        await prepare('postgres-1', await startInstances(1, one.url, cleanup)),
        await prepare('postgres-2', await startInstances(2, two.url, cleanup)),
      ];
      const results = new Map<string, { mix: number[]; fresh: number[]; ingest: number[]; failed: number }>(setups.map((s) => [s.name, { mix: [], fresh: [], ingest: [], failed: 0 }]));
      const bareRuns: number[] = [];
      const bareIngest: number[] = [];
      // Warm up each process (JIT, pools, prepared salts) before anything is measured.
      for (const s of setups) await drive(s.urls, s.clicks, Math.min(1, seconds));
      await drive([bareUrl], setups[0]!.clicks, Math.min(1, seconds));
      // Rounds interleave the setups, so a swing in the machine's load hits them alike.
      for (let round = 0; round < rounds; round++) {
        bareRuns.push(rate(await drive([bareUrl], setups[0]!.clicks, seconds)));
        for (const s of setups) {
          const r = results.get(s.name)!;
          const mix = await drive(s.urls, s.clicks, seconds);
          const fresh = await drive(s.urls, s.fresh.slice((round * 15_000) % 45_000), seconds);
          const batches = await s.batches();
          if (round === 0) bareIngest.push(rate(await drive([bareUrl], batches.map((b) => ({ ...b, once: false })), seconds)));
          const ingest = await drive(s.urls, batches, seconds);
          r.mix.push(rate(mix));
          r.fresh.push(rate(fresh));
          r.ingest.push(rate(ingest) * 100);
          r.failed += mix.failed + fresh.failed + ingest.failed;
        }
      }
      const bareRate = median(bareRuns);
      const note = `median of ${rounds} run(s) of ${seconds} s, loopback, ${CONCURRENCY} keep-alive connections; PostgreSQL 15 throwaway cluster (fsync off); 2 shared cores for everything`;
      const label = { 'sqlite-1': 'one instance, SQLite', 'postgres-1': 'one instance, PostgreSQL', 'postgres-2': 'two instances, one PostgreSQL database' } as Record<string, string>;
      const figures: Figure[] = [];
      for (const s of setups) {
        const r = results.get(s.name)!;
        figures.push(
          { name: `redirect, usual mix (most clicks repeat one committed), ${label[s.name]}`, value: Math.round(median(r.mix)), unit: 'req/s', budget: null, comparison: { name: 'bare Node 302 server', value: Math.round(bareRate), unit: 'req/s' }, note: `${note}; ${r.failed} failed` },
          { name: `redirect, every click a new row, ${label[s.name]}`, value: Math.round(median(r.fresh)), unit: 'req/s', budget: null, comparison: { name: 'bare Node 302 server', value: Math.round(bareRate), unit: 'req/s' } },
          { name: `ingest, new 100-referral batches, ${label[s.name]}`, value: Math.round(median(r.ingest)), unit: 'referrals/s', budget: null, comparison: { name: 'bare 302 server, same bodies', value: Math.round(median(bareIngest) * 100), unit: 'referrals/s' } },
        );
      }
      for (const f of figures) console.log(`${f.name}: ${fmt(f.value)} ${f.unit} (bare: ${fmt(f.comparison!.value)} ${f.comparison!.unit})`);
      await one.release({ drop: true }).catch(() => {});
      await two.release({ drop: true }).catch(() => {});
      return figures;
    } finally {
      for (const c of cleanup) c();
      bare.close();
      cluster.stop();
    }
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runStandalone(bench);
