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
import { runStandalone, type Bench, type Figure } from './figure';

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
    const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 3));
    const rounds = quick ? 1 : 2;
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
      for (let i = 0; i < 100_000; i++) fresh.push({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { ...NAVIGATION, 'user-agent': `new-visitor-${i}` } });
      const forged: Req[] = codes.map((c) => ({ path: `/r/${c.slice(0, 23)}${c[23] === 'a' ? 'b' : 'a'}`, method: 'GET', headers: NAVIGATION }));

      // The machine is shared: alternate the runs and keep each one's best of `rounds`. Each endpoint
      // run is compared with the bare server driven by exactly the same requests.
      const best = (a: Run | undefined, b: Run) => (a && rate(a) >= rate(b) ? a : b);
      let bareValid: Run | undefined, redirect: Run | undefined, bareForged: Run | undefined, forgedRun: Run | undefined, bareFresh: Run | undefined, freshRun: Run | undefined;
      const clicksBefore = await countClicks(endpoint);
      for (let round = 0; round < rounds; round++) {
        bareValid = best(bareValid, await drive(bareUrl, clicks, seconds));
        redirect = best(redirect, await drive(endpoint.url, clicks, seconds));
        bareFresh = best(bareFresh, await drive(bareUrl, fresh, seconds));
        freshRun = best(freshRun, await drive(endpoint.url, fresh.slice(round * 50_000), seconds));
        bareForged = best(bareForged, await drive(bareUrl, forged, seconds));
        forgedRun = best(forgedRun, await drive(endpoint.url, forged, seconds));
      }
      if (!bareValid || !redirect || !bareForged || !forgedRun || !bareFresh || !freshRun) throw new Error('no runs');
      const committed = (await countClicks(endpoint)) - clicksBefore;

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
      const note = `loopback, ${CONCURRENCY} keep-alive connections, ${seconds} s per run, best of ${rounds}`;
      const ratio = (a: Run, b: Run) => Number((rate(a) / rate(b)).toFixed(2));
      return [
        {
          name: 'redirect /r/:code, valid codes, clicks committed before the answer: share of a bare 302 server',
          value: ratio(redirect, bareValid),
          unit: '×',
          budget: 0.8,
          budgetKind: 'min',
          comparison: { name: 'bare Node 302 server', value: Math.round(rate(bareValid)), unit: 'req/s' },
          note: `${fmt(rate(redirect))} req/s, ${redirect.failed} failed; ${fmt(committed)} distinct clicks committed in all redirect runs; ${note}`,
        },
        {
          name: 'redirect /r/:code, every click a new row: share of a bare 302 server',
          value: ratio(freshRun, bareFresh),
          unit: '×',
          budget: null,
          comparison: { name: 'bare Node 302 server', value: Math.round(rate(bareFresh)), unit: 'req/s' },
          note: `${fmt(rate(freshRun))} req/s, ${freshRun.failed} failed`,
        },
        {
          name: 'redirect /r/:code, forged codes: share of a bare 302 server',
          value: ratio(forgedRun, bareForged),
          unit: '×',
          budget: null,
          comparison: { name: 'bare Node 302 server', value: Math.round(rate(bareForged)), unit: 'req/s' },
          note: `${fmt(rate(forgedRun))} req/s, ${forgedRun.failed} failed`,
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
