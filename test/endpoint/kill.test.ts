// No click answered is lost: an endpoint process is killed with SIGKILL in the middle of a burst
// of clicks, and every click it had answered with a redirect is in the database afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase64Url } from '../../src/core/credential/base64url';
import { createReferralCode, randomNonce } from '../../src/core/referral/code';
import { NAVIGATION, call } from './helpers';

const dataDir = mkdtempSync(join(tmpdir(), 'advocate-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const CLICKS = 3000;
const KILL_AFTER = 400;

describe('kill -9 in the middle of a burst of clicks', () => {
  it('loses no click the endpoint had answered', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./child-endpoint.ts', import.meta.url)), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const { url, adminToken } = await new Promise<{ url: string; adminToken: string }>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', () => reject(new Error('the endpoint process ended before it answered')));
    });
    const created = (await call(url, '/v1/admin/practitioners', { token: adminToken, body: { displayName: 'Kim', email: 'kim@kill.example' } })).json;
    const enrolment = (await call(url, '/v1/enrol', { body: { code: created.enrolmentCode } })).json;
    const secret = decodeBase64Url(enrolment.referralSecret)!;
    // One code per click, so each answered click can be looked for by itself.
    const codes = await Promise.all(Array.from({ length: CLICKS }, () => createReferralCode({ practitionerNumber: enrolment.practitioner.number, nonce: randomNonce() }, secret)));

    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const target = new URL(url);
    const answered: string[] = [];
    let failed = 0;
    await new Promise<void>((resolve) => {
      let pending = codes.length;
      const settle = () => {
        if (--pending === 0) resolve();
      };
      for (const code of codes) {
        const req = request({ host: target.hostname, port: target.port, path: `/r/${code}`, agent, headers: { ...NAVIGATION, 'user-agent': 'burst' } }, (res) => {
          res.resume();
          if (res.statusCode === 302 && res.headers.location?.endsWith(`ref=${code}`)) {
            answered.push(code);
            if (answered.length === KILL_AFTER) child.kill('SIGKILL');
          }
          res.on('end', settle);
          res.on('error', settle);
        });
        req.on('error', () => {
          failed++;
          settle();
        });
        req.end();
      }
    });
    agent.destroy();
    expect(await exited).toBe('SIGKILL');
    // Killed mid-burst: some clicks were answered, and some never were.
    expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed).toBeGreaterThan(0);

    const db = new Database(join(dataDir, 'advocate.sqlite'), { readonly: true });
    try {
      const stored = new Set((db.prepare('select code from clicks').all() as { code: string }[]).map((r) => r.code));
      const lost = answered.filter((code) => !stored.has(code));
      console.log(`kill -9: ${CLICKS} clicks sent, ${answered.length} answered before the kill, ${stored.size} in the database, ${lost.length} answered but lost`);
      expect(lost).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);
});
