// Redirect and ingest throughput of the reference endpoint against a bare Node HTTP server that
// only answers 302 (the physical limit on this machine). Loopback only; the load generator runs
// in a worker thread with keep-alive connections; bounded by time and request count.
//   npx tsx bench/endpoint-redirect.ts [--quick] [seconds=3] [concurrency=32]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeBase64Url } from '../src/core/credential/base64url';
import { createReferralCode, randomNonce } from '../src/core/referral/code';
import { startEndpoint } from '../src/endpoint/server';
import { type Bench, type Figure, isMain, round, runStandalone } from './figure';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--') && !a.endsWith('.json'));
let SECONDS = Number(args[0] ?? 3);
const CONCURRENCY = Number(args[1] ?? 32);
const MAX_REQUESTS = 500_000;
let ROUNDS = 2;
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

function drive(url: string, requests: Req[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { url, requests, seconds: SECONDS, concurrency: CONCURRENCY, max: MAX_REQUESTS } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const rate = (r: Run) => (r.done / r.ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function measure(): Promise<Figure[]> {
const bare = createServer((req, res) => {
  req.resume(); // drain any body, answer at once
  res.writeHead(302, { location: 'https://demo-db.example.com/offers/mysql-enterprise', 'content-length': 0 });
  res.end();
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

const dataDir = mkdtempSync(join(tmpdir(), 'advocate-bench-'));
const endpoint = await startEndpoint({ port: 0, dataDir, rateLimits: { perIp: false, perToken: false, redirectPerIp: false } });
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
  const clicks: Req[] = [];
  for (let i = 0; i < 10_000; i++) clicks.push({ path: `/r/${codes[i % codes.length]}`, method: 'GET', headers: { 'user-agent': `bench-visitor-${i % 50}` } });
  const forged: Req[] = codes.map((c) => ({ path: `/r/${c.slice(0, 23)}${c[23] === 'a' ? 'b' : 'a'}`, method: 'GET', headers: {} }));

  console.log(`loopback, ${CONCURRENCY} keep-alive connections, ${SECONDS} s per run, load generator in a worker thread`);
  // The machine is shared: alternate the runs and keep each one's best of ROUNDS. Each endpoint
  // run is compared with the bare server driven by exactly the same requests.
  const best = (a: Run | undefined, b: Run) => (a && rate(a) >= rate(b) ? a : b);
  let bareValid: Run | undefined, redirect: Run | undefined, bareForged: Run | undefined, forgedRun: Run | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    bareValid = best(bareValid, await drive(bareUrl, clicks));
    redirect = best(redirect, await drive(endpoint.url, clicks));
    bareForged = best(bareForged, await drive(bareUrl, forged));
    forgedRun = best(forgedRun, await drive(endpoint.url, forged));
  }
  if (!bareValid || !redirect || !bareForged || !forgedRun) throw new Error('no runs');
  console.log(`redirect  valid codes:  bare 302 ${fmt(rate(bareValid))} req/s, endpoint ${fmt(rate(redirect))} req/s (${redirect.failed} failed), ratio ${(rate(redirect) / rate(bareValid)).toFixed(2)}`);
  console.log(`redirect  forged codes: bare 302 ${fmt(rate(bareForged))} req/s, endpoint ${fmt(rate(forgedRun))} req/s (${forgedRun.failed} failed), ratio ${(rate(forgedRun) / rate(bareForged)).toFixed(2)}`);

  // Ingest: batches of 100 fresh referrals, each sent once.
  const batches: Req[] = [];
  const budget = Math.min(400, Math.ceil(SECONDS * 60));
  for (let b = 0; b < budget; b++) {
    const batchCodes = await Promise.all(Array.from({ length: 100 }, newCode));
    batches.push({ path: '/v1/referrals', method: 'POST', headers: auth, body: JSON.stringify({ referrals: batchCodes.map(item) }), once: true });
  }
  const bareIngest = await drive(bareUrl, batches.map((b) => ({ ...b, once: false })));
  const ingest = await drive(endpoint.url, batches);
  const replay = await drive(endpoint.url, batches);
  console.log(`ingest    bare 302 ${fmt(rate(bareIngest))} req/s (same 100-item bodies, drained and answered 302)`);
  console.log(`ingest    new batches:    ${fmt(rate(ingest))} batches/s = ${fmt(rate(ingest) * 100)} referrals/s (${ingest.done} batches, ${ingest.failed} failed), ratio ${(rate(ingest) / rate(bareIngest)).toFixed(3)}`);
  console.log(`ingest    resent batches: ${fmt(rate(replay))} batches/s = ${fmt(rate(replay) * 100)} referrals/s, ratio ${(rate(replay) / rate(bareIngest)).toFixed(3)}`);
  if (redirect.failed > 0 || ingest.failed > 0) throw new Error(`requests failed: ${redirect.failed} redirects, ${ingest.failed} ingest batches`);
  const bare302 = (r: Run) => ({ name: 'bare Node HTTP server answering 302, same requests', value: Math.round(rate(r)) });
  const load = `loopback, ${CONCURRENCY} keep-alive connections, best of ${ROUNDS} runs of ${SECONDS} s, alternating with the bare server`;
  return [
    { name: 'redirect /r/:code, valid codes', value: Math.round(rate(redirect)), unit: 'req/s', budget: Math.round(0.8 * rate(bareValid)), budgetKind: 'min', budgetNote: '≥ 0.8 of the bare server', comparison: bare302(bareValid), note: load },
    { name: 'redirect /r/:code, forged codes', value: Math.round(rate(forgedRun)), unit: 'req/s', budget: Math.round(0.8 * rate(bareForged)), budgetKind: 'min', budgetNote: '≥ 0.8 of the bare server', comparison: bare302(bareForged) },
    { name: 'ingest, new 100-referral batches', value: Math.round(rate(ingest) * 100), unit: 'referrals/s', budget: null, comparison: { name: 'bare 302 server drained the same bodies', value: Math.round(rate(bareIngest) * 100) }, note: `${ingest.done} batches; resent batches ${fmt(rate(replay) * 100)} referrals/s (ratio ${round(rate(replay) / rate(bareIngest))})` },
  ];
} finally {
  await endpoint.close();
  bare.close();
  rmSync(dataDir, { recursive: true, force: true });
}
}

export const bench: Bench = {
  title: 'Reference endpoint: redirect and ingest throughput',
  async run({ quick }) {
    if (quick) [SECONDS, ROUNDS] = [0.5, 1];
    return measure();
  },
};

if (isMain(import.meta)) await runStandalone(bench);
