// Trust: the endpoint's authorisation matrix. Every route in the app's route table × every kind of
// caller (no token, another practitioner's token, a rotated (revoked) token, the admin token, the
// token of a practitioner who left, the owner, and a few forgeries): only the owner reads and
// writes their referrals, deals, stats and statements; only the admin token reaches admin routes
// and the dashboard's data; a refused call writes nothing. A route missing from the matrix fails.
// Tokens are stored hashed (no plaintext in the database files) and compared in constant time.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, call, click, dealItem, enrol, enrolWith, IMAGE, paid, referralItem, sendWebhook, startHarness, type Answer, type Enrolled, type Harness } from '../helpers';

type Access = 'public' | 'signed' | 'practitioner' | 'admin';
interface Req {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  access: Access;
  request(x: World): Req;
}

interface World {
  h: Harness;
  owner: Enrolled;
  other: Enrolled;
  ownerReferral: { id: string; code: string };
  ownerDeal: { id: string };
  ownerStatement: string;
  ownerCommission: string;
}

const UNKNOWN_CREDENTIAL = `urn:uuid:${randomUUID()}`;

/** Every route of the app, as `METHOD path` from its route table, with who may call it and a request to send. */
const MATRIX: Record<string, Row> = {
  'GET /healthz': { access: 'public', request: () => ({ path: '/healthz' }) },
  'GET /v1/vendor': { access: 'public', request: () => ({ path: '/v1/vendor' }) },
  'GET /v1/catalog': { access: 'public', request: () => ({ path: '/v1/catalog' }) },
  'GET /v1/credentials/status': { access: 'public', request: () => ({ path: '/v1/credentials/status' }) },
  'GET /.well-known/did.json': { access: 'public', request: () => ({ path: '/.well-known/did.json' }) },
  'GET /v1/credentials/status-list': { access: 'public', request: () => ({ path: '/v1/credentials/status-list' }) },
  'GET /v1/credentials/:id': { access: 'public', request: () => ({ path: `/v1/credentials/${encodeURIComponent(UNKNOWN_CREDENTIAL)}` }) },
  'GET /r/:code': { access: 'public', request: (x) => ({ path: `/r/${x.ownerReferral.code}`, headers: IMAGE }) },
  'POST /v1/enrol': { access: 'public', request: () => ({ path: '/v1/enrol', body: { code: 'ADV-0000-0000-0000-0000', client: { name: 'x', version: '1' } } }) },
  'GET /dashboard': { access: 'public', request: () => ({ path: '/dashboard' }) },
  'GET /dashboard/*': { access: 'public', request: () => ({ path: '/dashboard/' }) },
  'POST /v1/webhooks/billing': { access: 'signed', request: () => ({ path: '/v1/webhooks/billing', body: paid({}) }) },
  'DELETE /v1/enrolment': { access: 'practitioner', request: () => ({ path: '/v1/enrolment', method: 'DELETE' }) },
  'POST /v1/referrals': { access: 'practitioner', request: (x) => ({ path: '/v1/referrals', body: { referrals: [referralItem(x.ownerReferral.code)] } }) },
  'POST /v1/deals': { access: 'practitioner', request: (x) => ({ path: '/v1/deals', body: { deals: [dealItem({ id: x.ownerDeal.id })] } }) },
  'GET /v1/stats': { access: 'practitioner', request: () => ({ path: '/v1/stats' }) },
  'GET /v1/statements': { access: 'practitioner', request: () => ({ path: '/v1/statements' }) },
  'GET /v1/statements/:id': { access: 'practitioner', request: (x) => ({ path: `/v1/statements/${x.ownerStatement}` }) },
  'GET /v1/statements/:id/csv': { access: 'practitioner', request: (x) => ({ path: `/v1/statements/${x.ownerStatement}/csv` }) },
  'POST /v1/admin/practitioners': { access: 'admin', request: () => ({ path: '/v1/admin/practitioners', body: { displayName: 'Mallory', email: 'mallory@evil.example' } }) },
  'POST /v1/admin/practitioners/:id/enrolment-code': { access: 'admin', request: (x) => ({ path: `/v1/admin/practitioners/${x.other.practitionerId}/enrolment-code`, method: 'POST' }) },
  'POST /v1/admin/credentials/:id/revoke': { access: 'admin', request: () => ({ path: `/v1/admin/credentials/${randomUUID()}/revoke`, method: 'POST' }) },
  'GET /v1/admin/commissions': { access: 'admin', request: () => ({ path: '/v1/admin/commissions' }) },
  'POST /v1/admin/commissions/approve': { access: 'admin', request: (x) => ({ path: '/v1/admin/commissions/approve', body: { ids: [x.ownerCommission] } }) },
  'GET /v1/admin/deals': { access: 'admin', request: () => ({ path: '/v1/admin/deals' }) },
  'POST /v1/admin/deals/approve': { access: 'admin', request: (x) => ({ path: '/v1/admin/deals/approve', body: { ids: [x.ownerDeal.id] } }) },
  'POST /v1/admin/deals/decline': { access: 'admin', request: (x) => ({ path: '/v1/admin/deals/decline', body: { ids: [x.ownerDeal.id] } }) },
  'POST /v1/admin/payouts': { access: 'admin', request: () => ({ path: '/v1/admin/payouts', body: {} }) },
  'GET /v1/admin/statements': { access: 'admin', request: () => ({ path: '/v1/admin/statements' }) },
  'GET /v1/admin/statements/:id': { access: 'admin', request: (x) => ({ path: `/v1/admin/statements/${x.ownerStatement}` }) },
  'GET /v1/admin/statements/:id/csv': { access: 'admin', request: (x) => ({ path: `/v1/admin/statements/${x.ownerStatement}/csv` }) },
  'POST /v1/admin/statements/:id/paid': { access: 'admin', request: (x) => ({ path: `/v1/admin/statements/${x.ownerStatement}/paid`, method: 'POST' }) },
  'GET /v1/admin/dashboard': { access: 'admin', request: () => ({ path: '/v1/admin/dashboard' }) },
  'GET /v1/admin/commissions.csv': { access: 'admin', request: () => ({ path: '/v1/admin/commissions.csv' }) },
};

let x: World;
/** Callers by name: the authorization header each sends (undefined: none). */
let callers: Record<string, string | undefined>;
let tokens: { label: string; value: string }[];
let requests = 0;
let violationCount = 0;
/** The violations one test found, added to the summary line's count. */
const counted = (list: string[]) => ((violationCount += list.length), list);

const send = async (req: Req, authorization: string | undefined): Promise<Answer> => {
  requests++;
  return call(x.h, req.path, { method: req.method, body: req.body, headers: { ...req.headers, ...(authorization !== undefined ? { authorization } : {}) } });
};

/** Every row of every table, to prove a refused call changed nothing. */
const snapshot = (h: Harness) => h.snapshot();

const routeTable = (h: Harness) => [...new Set(h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();

beforeAll(async () => {
  // A dashboard build of one page, so its static route is served rather than "not built".
  const dashboardDir = mkdtempSync(join(tmpdir(), 'advocate-dashboard-'));
  writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Dashboard</title>');
  const h = await startHarness({ settings: { dashboardDir } });
  const owner = await enrol(h, { displayName: 'Olive Owner', email: 'olive@owner.example' });
  const other = await enrol(h, { displayName: 'Rival Roy', email: 'roy@rival.example' });
  // Left: enrolled, then ended the enrolment; its token must stop working.
  const left = await enrol(h);
  await call(h, '/v1/enrolment', { method: 'DELETE', token: left.token });
  // Rotated: enrolled again with a fresh code; the first token is revoked.
  const rotated = await enrol(h);
  const fresh = await call(h, `/v1/admin/practitioners/${rotated.practitionerId}/enrolment-code`, { ...admin(h), method: 'POST' });
  const again = await enrolWith(h, fresh.json.enrolmentCode);
  expect(again.token).not.toBe(rotated.token);

  // The owner's money trail: a referral, a click, an order, an approved commission, a statement; a deal.
  const code = await owner.code();
  const referral = referralItem(code);
  await call(h, '/v1/referrals', { token: owner.token, body: { referrals: [referral] } });
  await click(h, code);
  await sendWebhook(h, paid({ referralCode: code }));
  const commission = (await call(h, '/v1/admin/commissions', admin(h))).json.commissions[0].id as string;
  await call(h, '/v1/admin/commissions/approve', { ...admin(h), body: { ids: [commission] } });
  const statement = (await call(h, '/v1/admin/payouts', { ...admin(h), body: {} })).json.statements[0].statement.id as string;
  const deal = dealItem({ customerDomain: 'olives-customer.example' });
  await call(h, '/v1/deals', { token: owner.token, body: { deals: [deal] } });
  // A later order, so there is a pending commission to approve after the statement.
  await sendWebhook(h, paid({ referralCode: code, customerDomain: 'second.example' }));
  const pending = ((await call(h, '/v1/admin/commissions', admin(h))).json.commissions as { id: string; state: string }[]).find((c) => c.state === 'pending')!.id;

  const storedHash = (await h.db.selectFrom('practitioners').select('token_hash').where('id', '=', owner.practitionerId).executeTakeFirstOrThrow()).token_hash!;
  x = { h, owner, other, ownerReferral: { id: referral.id, code }, ownerDeal: { id: deal.id }, ownerStatement: statement, ownerCommission: pending };
  const adminToken = h.endpoint.adminToken;
  callers = {
    'no token': undefined,
    'another practitioner': `Bearer ${other.token}`,
    'a revoked (rotated) token': `Bearer ${rotated.token}`,
    'the admin token': `Bearer ${adminToken}`,
    'a practitioner who left': `Bearer ${left.token}`,
    'the stored token hash (a stolen database copy)': `Bearer ${storedHash}`,
    'the admin token with one more character': `Bearer ${adminToken}x`,
    'the admin token as Basic credentials': `Basic ${Buffer.from(`admin:${adminToken}`).toString('base64')}`,
    'an empty bearer': 'Bearer ',
    'a token of 100,000 characters': `Bearer ${'A'.repeat(100_000)}`,
    'two bearer tokens': `Bearer ${other.token}, Bearer ${adminToken}`,
    'the owner': `Bearer ${owner.token}`,
  };
  tokens = [
    { label: 'owner token', value: owner.token },
    { label: 'rival token', value: other.token },
    { label: 'left token', value: left.token },
    { label: 'rotated token (old)', value: rotated.token },
    { label: 'rotated token (new)', value: again.token },
    { label: 'admin token', value: adminToken },
    { label: 'owner referral secret', value: owner.enrolment.referralSecret },
    { label: 'rival referral secret', value: other.enrolment.referralSecret },
    { label: 'webhook secret', value: h.endpoint.webhookSecret },
  ];
});
afterAll(async () => {
  console.log(`authz matrix: ${Object.keys(MATRIX).length} routes × ${Object.keys(callers).length} callers, ${requests} requests made; violations found: ${violationCount}`);
  await x.h.close();
});

/** Who must be refused on a route of this kind: everyone but the owner (practitioner routes), everyone but the admin (admin routes). */
const refusedOn = (access: Access) => Object.keys(callers).filter((name) => (access === 'practitioner' ? name !== 'the owner' && name !== 'another practitioner' : access === 'admin' ? name !== 'the admin token' : false));

describe('authorisation matrix', () => {
  it('covers every route in the app’s route table, and only those', () => {
    const table = routeTable(x.h);
    expect(table.filter((r) => !(r in MATRIX)), 'routes missing from MATRIX: add each with who may call it').toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !table.includes(r)), 'MATRIX names routes the app does not have').toEqual([]);
  });

  it('refuses every practitioner and admin route to every caller who is not entitled, with 401, writing nothing', async () => {
    const before = await snapshot(x.h);
    const violations: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      for (const name of refusedOn(row.access)) {
        const res = await send(row.request(x), callers[name]);
        const refused = res.status === 401 && res.headers.get('www-authenticate') === 'Bearer' && /\/unauthorized$/.test(res.json?.type ?? '');
        if (!refused) violations.push(`${route} from ${name}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(counted(violations)).toEqual([]);
    expect(await snapshot(x.h)).toBe(before);
  });

  it('answers public routes the same whoever calls, and the signed webhook to nobody without its signature', async () => {
    const before = await snapshot(x.h);
    const violations: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      if (row.access !== 'public' && row.access !== 'signed') continue;
      const answers = new Map<string, string>();
      for (const [name, authorization] of Object.entries(callers)) {
        const res = await send(row.request(x), authorization);
        const seen = `${res.status} ${res.headers.get('location') ?? ''} ${res.text.replace(/"generatedAt":"[^"]+"/, '')}`;
        answers.set(seen, name);
        if (res.status >= 500) violations.push(`${route} from ${name}: ${res.status}`);
        if (row.access === 'signed' && (res.status !== 400 || !/webhook-headers-missing$/.test(res.json?.type))) violations.push(`${route} without a signature from ${name}: ${res.status} ${res.text.slice(0, 120)}`);
      }
      if (answers.size !== 1) violations.push(`${route} answers differently by caller: ${[...answers.values()].join(', ')}`);
    }
    expect(counted(violations)).toEqual([]);
    expect(await snapshot(x.h)).toBe(before); // the redirect was an image load: not a click
  });

  it('lets the owner read their own referrals, stats and statements', async () => {
    const owner = callers['the owner'];
    const stats = await send(MATRIX['GET /v1/stats']!.request(x), owner);
    expect(stats.status).toBe(200);
    expect(stats.json.referrals.map((r: { id: string }) => r.id)).toContain(x.ownerReferral.id);
    expect(stats.json.totals.clicks).toBe(1);
    const list = await send(MATRIX['GET /v1/statements']!.request(x), owner);
    expect(list.json.statements.map((s: { statement: { id: string } }) => s.statement.id)).toEqual([x.ownerStatement]);
    expect((await send(MATRIX['GET /v1/statements/:id']!.request(x), owner)).json.statement.practitionerName).toBe('Olive Owner');
    expect((await send(MATRIX['GET /v1/statements/:id/csv']!.request(x), owner)).text).toContain(x.ownerStatement);
  });

  it('shows another practitioner none of the owner’s data, and answers the owner’s statement id as if it did not exist', async () => {
    const rival = callers['another practitioner'];
    const stats = await send(MATRIX['GET /v1/stats']!.request(x), rival);
    expect(stats.status).toBe(200);
    expect(stats.text).not.toContain(x.ownerReferral.code);
    expect(stats.text).not.toContain(x.ownerReferral.id);
    expect(stats.json.totals).toMatchObject({ referrals: 0, clicks: 0, conversions: 0 });
    expect((await send(MATRIX['GET /v1/statements']!.request(x), rival)).json.statements).toEqual([]);
    for (const route of ['GET /v1/statements/:id', 'GET /v1/statements/:id/csv']) {
      const theirs = await send(MATRIX[route]!.request(x), rival);
      const unknownId = randomUUID();
      const none = await send({ path: MATRIX[route]!.request(x).path.replace(x.ownerStatement, unknownId) }, rival);
      expect(theirs.status, route).toBe(404);
      expect(theirs.text.replace(x.ownerStatement, 'ID')).toBe(none.text.replace(unknownId, 'ID'));
      expect([...theirs.headers].sort()).toEqual([...none.headers].sort());
    }
  });

  it('refuses another practitioner’s writes into the owner’s referrals and deals, changing nothing of theirs', async () => {
    const rival = callers['another practitioner'];
    const ownerRows = async () => JSON.stringify([await x.h.count('referrals', `practitioner_id = '${x.owner.practitionerId}'`), await x.h.count('deals', `practitioner_id = '${x.owner.practitionerId}'`), await x.h.count('referrals', `practitioner_id = '${x.other.practitionerId}'`)]);
    const before = await ownerRows();
    // The owner's code under a new id: the MAC does not verify under the rival's secret.
    const stolenCode = await send({ path: '/v1/referrals', body: { referrals: [referralItem(x.ownerReferral.code)] } }, rival);
    expect(stolenCode.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Invalid referral code' } });
    // The owner's referral id with the rival's own valid code: the id is taken, nothing replaced.
    const stolenId = await send({ path: '/v1/referrals', body: { referrals: [referralItem(await x.other.code(), { id: x.ownerReferral.id })] } }, rival);
    expect(stolenId.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Id already used' } });
    const stolenDeal = await send({ path: '/v1/deals', body: { deals: [dealItem({ id: x.ownerDeal.id, customerDomain: 'rivals-customer.example' })] } }, rival);
    expect(stolenDeal.json.results[0]).toMatchObject({ status: 'rejected', error: { title: 'Id already used' } });
    expect(await ownerRows()).toBe(before);
    expect(await x.h.count('referrals', `id = '${x.ownerReferral.id}' and practitioner_id = '${x.owner.practitionerId}'`)).toBe(1);
  });

  it('lets the admin token reach every admin route', async () => {
    const violations: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      if (row.access !== 'admin') continue;
      const res = await send(row.request(x), callers['the admin token']);
      if (res.status === 401 || res.status === 403 || res.status >= 500) violations.push(`${route} as admin: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(counted(violations)).toEqual([]);
    expect((await send(MATRIX['GET /v1/admin/dashboard']!.request(x), callers['the admin token'])).json).toBeTypeOf('object');
  });

  it('lets the owner write and finally leave; the token stops working at once', async () => {
    const owner = callers['the owner'];
    const created = await send({ path: '/v1/referrals', body: { referrals: [referralItem(await x.owner.code())] } }, owner);
    expect(created.json.results[0].status).toBe('accepted');
    expect((await send(MATRIX['DELETE /v1/enrolment']!.request(x), owner)).status).toBe(204);
    expect((await send(MATRIX['GET /v1/stats']!.request(x), owner)).status).toBe(401);
  });
});

describe('tokens at rest and in comparison', () => {
  it('keeps no token, referral secret or webhook secret in plain text in the database files (WAL included)', async () => {
    // SQLite: the database files themselves, freed pages and WAL included. PostgreSQL's files
    // belong to its server (another user): there, every row of every table, as a backup holds them.
    const sqlite = x.h.database.kind === 'sqlite';
    const files = sqlite ? readdirSync(x.h.dataDir).filter((f) => f.startsWith('advocate.sqlite')) : ['every row of every table'];
    if (sqlite) expect(files).toContain('advocate.sqlite');
    const bytes = sqlite ? Buffer.concat(files.map((f) => readFileSync(join(x.h.dataDir, f)))) : Buffer.from(await x.h.snapshot());
    const found = tokens.filter((t) => bytes.includes(Buffer.from(t.value)) || bytes.includes(Buffer.from(t.value.slice(-24))));
    console.log(`tokens at rest: ${tokens.length} secrets searched for in ${files.length} database files (${bytes.length} bytes); found in plain text: ${found.length}`);
    expect(found.map((t) => t.label)).toEqual([]);
    // Positive control: the search does find what is stored in plain text.
    expect(bytes.includes(Buffer.from('Olive Owner'))).toBe(true);
  });

  it('compares the admin token in constant time and looks practitioner tokens up only by their hash', () => {
    const src = (file: string) => readFileSync(resolve(import.meta.dirname, '../../../src/endpoint', file), 'utf8');
    const app = src('app.ts');
    expect(app).toMatch(/constantTimeEqual\(Buffer\.from\(sha256Hex\(token\), 'hex'\), deps\.adminTokenHash\)/);
    expect(app).toMatch(/where\('token_hash', '=', tokenHash\(token\)\)/);
    expect(src('domain/secrets.ts')).toMatch(/a\.length === b\.length && timingSafeEqual\(a, b\)/);
    // No secret-like value anywhere in the endpoint is compared with === or !== (except to undefined or null).
    const offenders: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    for (const file of walk(resolve(import.meta.dirname, '../../../src/endpoint'))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const compared = /\b\w*(token|secret|signature|mac|hash)\w*\s*[!=]==\s*([\w.'"`]+)/i.exec(line) ?? /([\w.'"`]+)\s*[!=]==\s*\w*(token|secret|signature|mac|hash)\w*\b/i.exec(line);
        if (compared && !/(undefined|null)\b/.test(compared[0])) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
