// Trust: forged and enumerated referral codes, and where the redirect may send a visitor.
// A forged code counts no click; its answer (status, headers, body and timing class) is the same
// whether or not its practitioner number exists; rate limits hold against one address and one
// IPv6 /64; the redirect goes only to the catalog's offer URLs (or the vendor's plain pricing
// page), never to an address taken from the request, in-process and on the Node fast path.
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralCode, normaliseReferralCode, randomNonce } from '../../../src/core/referral/code';
import { call, click, enrol, lastCharOtherThan, NAVIGATION, referralItem, startHarness, type Answer, type Enrolled, type Harness } from '../helpers';
import { HOSTILE_URLS, hostileString } from '../../trust/hostile-values';

const counts = { requests: 0, forged: 0, violations: 0 };
afterAll(() => console.log(`referral codes: ${counts.requests} requests made, ${counts.forged} forged or enumerated codes, clicks counted for them: 0; violations found: ${counts.violations}`));

/** Someone else's secret: codes that parse, name a number, and fail the MAC. */
const WRONG_SECRET = crypto.getRandomValues(new Uint8Array(32));
const forgedFor = (number: number) => createReferralCode({ practitionerNumber: number, nonce: randomNonce() }, WRONG_SECRET);
const unusedNumber = (taken: number) => (taken + 0x5bd1e995) % 2 ** 32 || 1;

const shape = (res: Answer) => ({ status: res.status, headers: [...res.headers].filter(([k]) => k !== 'date').sort(), body: res.text });
const counted = (ok: boolean) => (ok ? ok : (counts.violations++, ok));

/** GET over node:http with the path sent byte for byte (fetch would normalise it). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers: { ...NAVIGATION, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        const { date: _date, ...rest } = res.headers as Record<string, string>;
        resolve({ status: res.statusCode ?? 0, headers: rest, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('forged and enumerated codes', () => {
  let h: Harness;
  let p: Enrolled;
  let url: string;
  beforeAll(async () => {
    h = await startHarness();
    p = await enrol(h);
    url = await h.listen();
  });
  afterAll(() => h.close());

  it('count no click, and answer a forgery for an enrolled number exactly like one for a number nobody has', async () => {
    const clicks = await h.count('clicks');
    for (const query of ['', '?o=redis-cloud-pro', '?o=https://evil.example/']) {
      const [known, unknown] = await Promise.all([forgedFor(p.number), forgedFor(unusedNumber(p.number))]);
      counts.forged += 2;
      counts.requests += 4;
      const inProcess = await Promise.all([known, unknown].map((code) => call(h, `/r/${code}${query}`, { headers: NAVIGATION })));
      expect(counted(JSON.stringify(shape(inProcess[0]!)) === JSON.stringify(shape(inProcess[1]!)))).toBe(true);
      const socket = await Promise.all([known, unknown].map((code) => rawGet(url, `/r/${code}${query}`)));
      expect(socket[0]).toEqual(socket[1]);
      expect(socket[0]!.status).toBe(302);
      expect(socket[0]!.headers.location).toBe(inProcess[0]!.headers.get('location'));
    }
    // Forged by flipping one character of a genuine code, and malformed ones: all the same plain page.
    const real = await p.code();
    const otherLast = (c: string) => lastCharOtherThan(real, c);
    const flipped = real.slice(0, 23) + otherLast('0');
    // Upper case and O-for-0 read as the genuine code, so only the changed last character may forge it.
    const misread = real.toUpperCase().replace(/0/g, 'O').slice(0, 23) + otherLast('z');
    for (const code of [flipped, misread, 'x'.repeat(24), '', '%00', '..%2F..%2Fadmin']) {
      counts.requests++;
      counts.forged++;
      const res = await call(h, `/r/${code}`, { headers: NAVIGATION });
      if (res.status === 302) expect(res.headers.get('location')).toBe('https://demo-db.example.com/pricing');
      else expect(res.status).toBe(404); // "/r/" alone is no route
    }
    expect(await h.count('clicks')).toBe(clicks);
  });

  it('take as long for an enrolled number as for one nobody has (same timing class), measured against a difference it can see', async () => {
    // Interleaved pairs in blocks; the median ratio of block medians resists a loaded machine.
    const time = async (path: string) => {
      counts.requests++;
      const start = performance.now();
      await call(h, path, { headers: NAVIGATION });
      return performance.now() - start;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const blocks = { existence: [] as number[], control: [] as number[] };
    const medians = { known: [] as number[], unknown: [] as number[], malformed: [] as number[] };
    for (let block = 0; block < 7; block++) {
      const t = { known: [] as number[], unknown: [] as number[], malformed: [] as number[] };
      for (let i = 0; i < 150; i++) {
        const [known, unknown] = await Promise.all([forgedFor(p.number), forgedFor(unusedNumber(p.number + i))]);
        counts.forged += 2;
        // Each kind goes first, second and third equally often.
        const kinds = [
          () => time(`/r/${known}`).then((ms) => t.known.push(ms)),
          () => time(`/r/${unknown}`).then((ms) => t.unknown.push(ms)),
          () => time(`/r/${known.slice(0, 23)}`).then((ms) => t.malformed.push(ms)), // too short: no MAC to check
        ];
        for (let k = 0; k < 3; k++) await kinds[(i + k) % 3]!();
      }
      blocks.existence.push(median(t.known) / median(t.unknown));
      blocks.control.push(median(t.known) / median(t.malformed));
      for (const k of ['known', 'unknown', 'malformed'] as const) medians[k].push(median(t[k]));
    }
    const existence = median(blocks.existence);
    const control = median(blocks.control);
    console.log(
      `redirect timing (median µs): forged, enrolled number ${(median(medians.known) * 1000).toFixed(0)}; forged, unknown number ${(median(medians.unknown) * 1000).toFixed(0)}; malformed ${(median(medians.malformed) * 1000).toFixed(0)}; ratio enrolled/unknown ${existence.toFixed(2)} (control: forged/malformed ${control.toFixed(2)})`,
    );
    // The control shows a MAC check's worth of work is visible to this measurement…
    expect(control).toBeGreaterThan(1.3);
    // …and whether a number is enrolled is not.
    expect(counted(existence > 0.85 && existence < 1.18)).toBe(true); // 1.6–1.8 before the decoy MAC
  }, 120_000);
});

describe('rate limits against enumeration', () => {
  it('hold per address and per IPv6 /64, answer the same whether a number exists, and let others through', async () => {
    const h = await startHarness({ limits: { redirectPerAddress: { capacity: 20, refillPerSecond: 0.001 }, perAddress: { capacity: 10, refillPerSecond: 0.001 } } });
    try {
      const p = await enrol(h);
      const statuses = (list: Answer[]) => list.map((r) => r.status);
      // One address walks forged codes.
      const walk: Answer[] = [];
      for (let i = 0; i < 40; i++) {
        counts.requests++;
        counts.forged++;
        walk.push(await call(h, `/r/${await forgedFor(i % 2 ? p.number : unusedNumber(p.number))}`, { headers: NAVIGATION, address: '203.0.113.7' }));
      }
      expect(statuses(walk)).toEqual([...Array(20).fill(302), ...Array(20).fill(429)]);
      expect(shape(walk[38]!)).toEqual(shape(walk[39]!)); // refused alike, enrolled number or not
      expect(walk[39]!.headers.get('retry-after')).not.toBeNull();
      // Walking one's own /64 does not buy a fresh bucket.
      const subnet: Answer[] = [];
      for (let i = 1; i <= 25; i++) {
        counts.requests++;
        subnet.push(await call(h, `/r/${await forgedFor(unusedNumber(p.number))}`, { headers: NAVIGATION, address: `2001:db8:1:2::${i.toString(16)}` }));
      }
      expect(statuses(subnet).filter((s) => s === 429)).toHaveLength(5);
      // Guessing tokens and enrolment codes is limited the same way.
      const tokens: number[] = [];
      const codes: number[] = [];
      for (let i = 0; i < 15; i++) {
        counts.requests += 2;
        tokens.push((await call(h, '/v1/stats', { token: `adv_${i}guess`, address: '198.51.100.9' })).status);
        codes.push((await call(h, '/v1/enrol', { body: { code: `ADV-0000-0000-0000-${String(i).padStart(4, '0')}`, client: { name: 'x', version: '1' } }, address: '198.51.100.10' })).status);
      }
      expect(tokens).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
      expect(codes).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
      // Positive control: another visitor's genuine click and the owner's own calls still work.
      const real = await p.code();
      counts.requests += 2;
      expect((await click(h, real, 'a real visitor')).location).toMatch(/\?ref=/);
      expect((await call(h, '/v1/stats', { token: p.token, address: '192.0.2.44' })).status).toBe(200);
      expect(await h.count('clicks')).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('redirect targets', () => {
  let h: Harness;
  let p: Enrolled;
  let url: string;
  let allowed: Set<string>;
  let synced: string;
  let unsynced: string;
  beforeAll(async () => {
    h = await startHarness();
    p = await enrol(h);
    url = await h.listen();
    const catalog = (await call(h, '/v1/catalog')).json;
    allowed = new Set<string>(catalog.vendors.flatMap((v: { products: { offers: { url: string }[] }[] }) => v.products.flatMap((pr) => pr.offers.map((o) => o.url))));
    allowed.add('https://demo-db.example.com/pricing');
    synced = await p.code();
    await call(h, '/v1/referrals', { token: p.token, body: { referrals: [referralItem(synced)] } });
    unsynced = await p.code();
  });
  afterAll(() => h.close());

  /** A location is a catalog offer URL (or the plain pricing page), with at most `ref` = a genuine code added. */
  function check(location: string | null | undefined, status: number): string | null {
    if (status !== 302) return status === 404 || status === 405 || status === 400 ? null : `status ${status}`;
    if (!location) return 'a redirect without a location';
    let target: URL;
    try {
      target = new URL(location);
    } catch {
      return `a relative or broken location ${location}`;
    }
    const ref = target.searchParams.get('ref');
    target.searchParams.delete('ref');
    const base = target.toString();
    if (!allowed.has(base)) return `redirected to ${location}`;
    if (ref !== null && ![synced, unsynced].includes(normaliseReferralCode(ref) ?? '')) return `ref=${ref} is not a genuine code`;
    return null;
  }

  const TRICKS = (code: string) => [
    ...HOSTILE_URLS.flatMap((u) => [`/r/${code}?o=${encodeURIComponent(u)}`, `/r/${code}?url=${encodeURIComponent(u)}`, `/r/${code}?redirect=${encodeURIComponent(u)}&next=${encodeURIComponent(u)}`]),
    `/r/${code}?o=mysql-enterprise&o=https://evil.example/`,
    `/r/${code}?o=https://evil.example/&o=mysql-enterprise`,
    `/r/${code}?o=__proto__`,
    `/r/${code}?o=constructor`,
    `/r/${code}?o=%2F%2Fevil.example`,
    `/r/${code}?o=%252F%252Fevil.example`,
    `/r/${code}?%6f=https://evil.example/`,
    `/r/${code}?o[]=https://evil.example/`,
    `/r/${code}#https://evil.example/`,
    `/r/${code}/https://evil.example/`,
    `/r/${code}/..%2F..%2Fevil.example`,
    `/r/%2F%2Fevil.example`,
    `/r/https:%2F%2Fevil.example`,
    `/r//evil.example/`,
    `/r/%5C%5Cevil.example`,
    `/r/${code}%3Fo%3Dhttps:%2F%2Fevil.example`,
    `/r/${code}%23@evil.example`,
    `/r/${encodeURIComponent(`${code}?o=https://evil.example/`)}`,
  ];

  it('go only to catalog offer URLs for every trick in the request (in-process and the Node fast path), whatever Host says', async () => {
    const problems: string[] = [];
    let tried = 0;
    for (const code of [synced, unsynced, await forgedFor(p.number)]) {
      for (const path of TRICKS(code)) {
        for (const headers of [NAVIGATION, { ...NAVIGATION, host: 'evil.example', 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' }]) {
          tried += 2;
          const inProcess = await call(h, path, { headers });
          const a = check(inProcess.headers.get('location'), inProcess.status);
          if (a) problems.push(`${path} (in-process): ${a}`);
          const socket = await rawGet(url, path, headers);
          const b = check(socket.headers.location, socket.status);
          if (b) problems.push(`${path} (socket): ${b}`);
        }
      }
    }
    counts.requests += tried;
    counts.violations += problems.length;
    console.log(`redirect targets: ${tried} tricky redirects tried; off-catalog locations: ${problems.length}`);
    expect(problems).toEqual([]);
    // Positive control: the checker does refuse a location outside the catalog.
    expect(check('https://evil.example/', 302)).toMatch(/redirected to/);
    expect(check('https://demo-db.example.com/offers/mysql-enterprise?ref=zzzz', 302)).toMatch(/not a genuine code/);
  }, 120_000);

  it('go only to catalog offer URLs for random queries and paths (property)', async () => {
    let tried = 0;
    const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom('o', 'url', 'ref', 'next', 'O', 'o '), hostileString), fc.oneof(hostileString, fc.constantFrom(...HOSTILE_URLS))), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(synced, unsynced, 'forged'), query, fc.boolean(), async (which, pairs, viaSocket) => {
        const code = which === 'forged' ? await forgedFor(p.number) : which;
        const search = new URLSearchParams(pairs.map(([k, val]) => [k.slice(0, 200), val.slice(0, 500)])).toString();
        const path = `/r/${code}${search ? `?${search}` : ''}`;
        tried++;
        const res = viaSocket ? await rawGet(url, path) : await call(h, path, { headers: NAVIGATION });
        const location = viaSocket ? (res as { headers: Record<string, string> }).headers.location : (res as Answer).headers.get('location');
        return check(location, res.status) === null;
      }),
      { numRuns: 400 },
    );
    counts.requests += tried;
    console.log(`redirect targets: ${tried} random queries tried; off-catalog locations: 0`);
  }, 120_000);
});
