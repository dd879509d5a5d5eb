import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../src/core/credential/verify';
import { EnrolResponseSchema } from '../../src/core/protocol/vendor';
import * as v from 'valibot';
import { call, newPractitioner, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('enrolment', () => {
  it('seeds a demo practitioner whose printed code enrols once, with signed credentials', async () => {
    const code = h.endpoint.demoEnrolmentCode!;
    expect(code).toMatch(/^ADV-/);
    const res = await call(h, '/v1/enrol', { body: { code: code.toLowerCase(), client: { name: 'Advocate', version: '0.1.0' } } });
    expect(res.status).toBe(200);
    const body = v.parse(EnrolResponseSchema, res.json);
    expect(body.practitioner.displayName).toBe('Dana Demo');
    expect(body.credentials.map((c) => c.credentialSubject.achievement.productId).sort()).toEqual(['mysql', 'postgresql']);
    const vendor = (await call(h, '/v1/vendor')).json;
    for (const credential of body.credentials) {
      const status = await verifyCredential(credential, { id: vendor.did, publicKeyMultibase: vendor.publicKeyMultibase }, { now: h.clock.now() });
      expect(status.state).toBe('valid');
    }
    // The token is stored hashed: its plain text appears nowhere in the database.
    expect(await h.count('practitioners', `token_hash = '${body.accessToken}'`)).toBe(0);
    expect(await h.count('practitioners', 'token_hash is not null')).toBe(1);
    // One-time: the same code again fails.
    const again = await call(h, '/v1/enrol', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.json.type).toBe('https://advocate.dev/problems/enrolment-code-invalid');
  });

  it('rejects a wrong code with 401 and a malformed body with 400', async () => {
    const wrong = await call(h, '/v1/enrol', { body: { code: 'ADV-0000-0000-0000-0000' } });
    expect(wrong.status).toBe(401);
    const missing = await call(h, '/v1/enrol', { body: { client: { name: 'x', version: '1' } } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].path).toBe('code');
    const notJson = await call(h, '/v1/enrol', { raw: '{"code": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.type).toMatch(/malformed-json$/);
    const wrongType = await call(h, '/v1/enrol', { raw: 'code=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
  });

  it('expires enrolment codes after 30 days', async () => {
    const created = await newPractitioner(h);
    h.clock.advance(31 * 86_400_000);
    const res = await call(h, '/v1/enrol', { body: { code: created.enrolmentCode } });
    h.clock.advance(-31 * 86_400_000);
    expect(res.status).toBe(401);
  });

  it('ends an enrolment: the token stops working', async () => {
    const created = await newPractitioner(h);
    const token = (await call(h, '/v1/enrol', { body: { code: created.enrolmentCode } })).json.accessToken;
    expect((await call(h, '/v1/stats', { token })).status).toBe(200);
    expect((await call(h, '/v1/enrolment', { method: 'DELETE', token })).status).toBe(204);
    const after = await call(h, '/v1/stats', { token });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('lists revoked credentials', async () => {
    const created = await newPractitioner(h, { certifications: [{ productId: 'redis', level: 'expert' }] });
    const enrolment = (await call(h, '/v1/enrol', { body: { code: created.enrolmentCode } })).json;
    const id = enrolment.credentials[0].id as string;
    expect((await call(h, `/v1/admin/credentials/${encodeURIComponent(id)}/revoke`, { method: 'POST', token: h.endpoint.adminToken })).status).toBe(204);
    const list = await call(h, '/v1/credentials/status');
    expect(list.json.revoked).toContain(id);
    expect((await call(h, '/v1/admin/credentials/urn:uuid:nope/revoke', { method: 'POST', token: h.endpoint.adminToken })).status).toBe(404);
    expect((await call(h, `/v1/admin/credentials/${encodeURIComponent(id)}/revoke`, { method: 'POST', token: 'adm_wrong' })).status).toBe(401);
  });
});
