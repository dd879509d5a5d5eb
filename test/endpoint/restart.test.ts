import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEndpoint } from '../../src/endpoint/server';
import { quietLog } from '../quiet-log';
import { call } from './helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'advocate-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('first start and restart', () => {
  it('seeds once, keeps keys, tokens and enrolments across restarts, and never reissues a used code', async () => {
    const first = await startEndpoint({ port: 0, dataDir, log: quietLog() });
    const vendor = (await call(first.url, '/v1/vendor')).json;
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(first.adminToken);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o077).toBe(0);
    expect(first.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const enrolment = (await call(first.url, '/v1/enrol', { body: { code: first.demoEnrolmentCode } })).json;
    await first.close();

    const second = await startEndpoint({ port: 0, dataDir, log: quietLog() });
    try {
      expect(second.adminToken).toBe(first.adminToken);
      expect(second.webhookSecret).toBe(first.webhookSecret);
      expect(second.demoEnrolmentCode).toBeNull();
      expect((await call(second.url, '/v1/vendor')).json).toEqual(vendor);
      expect((await call(second.url, '/v1/stats', { token: enrolment.accessToken })).status).toBe(200);
      expect((await call(second.url, '/v1/admin/dashboard', { token: second.adminToken })).json.practitioners).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
