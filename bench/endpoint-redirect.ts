// Redirect and ingest throughput of the reference endpoint against a bare Node HTTP server that
// only answers 302 (the physical limit on this machine), measured in the same run. Every counted
// click is committed to SQLite before its redirect is answered (group commit). Loopback only;
// the load generator runs in a worker thread with keep-alive connections; bounded by time and
// request count.
//   npx tsx bench/endpoint-redirect.ts [--quick]      (BENCH_SECONDS, BENCH_CONCURRENCY override)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeBase64Url } from '../src/core/credential/base64url';
import { createReferralCode, randomNonce } from '../src/core/referral/code';
import { silentLog } from '../src/endpoint/context';
import { startEndpoint } from '../src/endpoint/server';
import { median, runStandalone, type Bench, type Figure } from './figure';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MAX_REQUESTS = 500_000;
type Run = { done: number; failed: number; ms: number };

// Plain JS run in a worker: fires requests round-robin over `requests` until time or count runs out.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, requests, seconds, concurrency, max } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
let sent = 0, done = 0, failed = 0, next = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
function one(resolve) {
  if (Date.now() >= deadline || sent >= max || (requests[0].once && next >= requests.length)) return resolve();
  const r = requests[next++ % requests.length];
  sent++;
  const req = http.request({ host: target.hostname, port: target.port, path: r.path, method: r.method, agent, headers: r.headers }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode >= 400) failed++; done++; one(resolve); });
  });
  req.on('error', () => { failed++; done++; one(resolve); });
  req.end(r.body);
}
Promise.all(Array.from({ length: concurrency }, () => new Promise(one))).then(() => {
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

function drive(url: string, requests: Req[], seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { url, requests, seconds, concurrency: CONCURRENCY, max: MAX_REQUESTS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const rate = (r: Run) => (r.done / r.ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const NAVIGATION = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' };

export const bench: Bench = {
  title: 'Reference endpoint: redirect and ingest throughput vs a bare Node 302 server',
  async run({ quick }): Promise<Figure[]> {
    const seconds = Number(process.env.BENCH_SECONDS ?? 1);
    const rounds = quick ? 2 : Number(process.env.BENCH_PAIRS ?? 8);
    const bare = createServer((req, res) => {
      req.resume(); // drain any body, answer at once
      res.writeHead(302, { location: 'https://demo-db.example.com/offers/mysql-enterprise', 'content-length': 0 });
      res.end();
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'advocate-bench-'));
    const endpoint = await startEndpoint({ port: 0, dataDir, log: silentLog, rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
    try {
      const admin = { authorization: `Bearer ${endpoint.adminToken}`, 'content-type': 'application/json' };
      const created = await (await fetch(`${endpoint.url}/v1/admin/practitioners`, { method: 'POST', headers: admin, body: JSON.stringify({ displayName: 'Bench', email: 'bench@bench.example.com' }) })).json();
      const enrolment = await (await fetch(`${endpoint.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.enrolmentCode }) })).json();
      const secret = decodeBase64Url(enrolment.referralSecret)!;
      const newCode = () => createReferralCode({ practitionerNumber: enrolment.practitioner.number, nonce: randomNonce() }, secret);

      // Redirect: 200 codes (half synced), 50 visitors, so most clicks are new rows and some are de-duplicated.
      const codes = await Promise.all(Array.from({ length: 200 }, newCode));
      const auth = { authorization: `Bearer ${enrolment.accessToken}`, 'content-type': 'application/json' };
      const item = (code: string) => ({ id: randomUUID(), code, vendorId: 'demo-db', productId: 'mysql', offerId: 'mysql-enterprise', channel: 'forum-answer', createdAt: new Date().toISOString() });
      await fetch(`${endpoint.url}/v1/referrals`, { method: 'POST', headers: auth, body: JSON.stringify({ referrals: codes.slice(0, 100).map(item) }) });
      // The usual mix: 200 codes, 50 visitors, so most clicks repeat one already counted today
      // (each still goes through a commit); and a harder one where every click is a new row.
      const clicks: Req[] = [];
      for (let i = 0; i < 10_000; i++) clicks.push({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { ...NAVIGATION, 'user-agent': `bench-visitor-${i % 50}` } });
      const fresh: Req[] = [];
      for (let i = 0; i < 120_000; i++) fresh.push({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { ...NAVIGATION, 'user-agent': `new-visitor-${i}` } });
      const forged: Req[] = codes.map((c) => ({ path: `/r/${c.slice(0, 23)}${c[23] === 'a' ? 'b' : 'a'}`, method: 'GET', headers: NAVIGATION }));

      // The machine is shared and its load swings within seconds, so each endpoint run is paired
      // with a bare-server run of exactly the same requests right beside it (in alternating order),
      // and the figure is the median of the pairs' ratios.
      const clicksBefore = await countClicks(endpoint);
      const pair = async (requests: (i: number) => Req[], i: number) => {
        const first = i % 2 === 0 ? await drive(bareUrl, requests(i), seconds) : await drive(endpoint.url, requests(i), seconds);
        const second = i % 2 === 0 ? await drive(endpoint.url, requests(i), seconds) : await drive(bareUrl, requests(i), seconds);
        const [bareRun, run] = i % 2 === 0 ? [first, second] : [second, first];
        return { ratio: rate(run) / rate(bareRun), bare: rate(bareRun), endpoint: rate(run), failed: run.failed };
      };
      const series = async (requests: (i: number) => Req[]) => {
        const pairs = [];
        for (let i = 0; i < rounds; i++) pairs.push(await pair(requests, i));
        return pairs;
      };
      const valid = await series(() => clicks);
      const freshPairs = await series((i) => fresh.slice((i * 12_000) % 90_000));
      const forgedPairs = await series(() => forged);
      const committed = (await countClicks(endpoint)) - clicksBefore;
      const summary = (pairs: { ratio: number; bare: number; endpoint: number; failed: number }[]) => {
        const ratios = pairs.map((p) => p.ratio);
        return {
          ratio: Number(median(ratios).toFixed(2)),
          bare: Math.round(median(pairs.map((p) => p.bare))),
          note: `median of ${pairs.length} paired runs (ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); endpoint ${fmt(median(pairs.map((p) => p.endpoint)))} req/s, ${pairs.reduce((n, p) => n + p.failed, 0)} failed`,
        };
      };
      const v = summary(valid), f = summary(freshPairs), g = summary(forgedPairs);

      // Ingest: batches of 100 fresh referrals, each sent once.
      const batches: Req[] = [];
      const budget = Math.min(400, Math.ceil(seconds * 60));
      for (let b = 0; b < budget; b++) {
        const batchCodes = await Promise.all(Array.from({ length: 100 }, newCode));
        batches.push({ path: '/v1/referrals', method: 'POST', headers: auth, body: JSON.stringify({ referrals: batchCodes.map(item) }), once: true });
      }
      const bareIngest = await drive(bareUrl, batches.map((b) => ({ ...b, once: false })), seconds);
      const ingest = await drive(endpoint.url, batches, seconds);
      const replay = await drive(endpoint.url, batches, seconds);
      const note = `loopback, ${CONCURRENCY} keep-alive connections, ${seconds} s per run`;
      return [
        {
          name: 'redirect /r/:code, valid codes, clicks committed before the answer: share of a bare 302 server',
          value: v.ratio,
          unit: '×',
          budget: 0.8,
          budgetKind: 'min',
          comparison: { name: 'bare Node 302 server', value: v.bare, unit: 'req/s' },
          note: `${v.note}; 200 codes × 50 visitors, so most clicks repeat one already committed; ${fmt(committed)} distinct clicks committed in all runs; ${note}`,
        },
        {
          name: 'redirect /r/:code, every click a new row: share of a bare 302 server',
          value: f.ratio,
          unit: '×',
          budget: null,
          comparison: { name: 'bare Node 302 server', value: f.bare, unit: 'req/s' },
          note: f.note,
        },
        {
          name: 'redirect /r/:code, forged codes: share of a bare 302 server',
          value: g.ratio,
          unit: '×',
          budget: null,
          comparison: { name: 'bare Node 302 server', value: g.bare, unit: 'req/s' },
          note: g.note,
        },
        {
          name: 'ingest, new 100-referral batches',
          value: Math.round(rate(ingest) * 100),
          unit: 'referrals/s',
          budget: null,
          comparison: { name: 'bare 302 server, same bodies', value: Math.round(rate(bareIngest) * 100), unit: 'referrals/s' },
          note: `${ingest.done} batches, ${ingest.failed} failed`,
        },
        { name: 'ingest, resent batches (answered from storage)', value: Math.round(rate(replay) * 100), unit: 'referrals/s', budget: null, note: `${replay.failed} failed` },
      ];
    } finally {
      await endpoint.close();
      bare.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

async function countClicks(endpoint: { db: import('kysely').Kysely<import('../src/endpoint/db/schema').Database> }): Promise<number> {
  return Number((await endpoint.db.selectFrom('clicks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runStandalone(bench);
