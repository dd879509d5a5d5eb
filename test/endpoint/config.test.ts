// Configuration is checked at start: each mistake named, all at once, and nothing listens.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/endpoint/config';

const dir = mkdtempSync(join(tmpdir(), 'advocate-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('accepts the defaults and a full valid environment', () => {
    const defaults = loadConfig({ DATA_DIR: join(dir, 'data') });
    expect(defaults).toMatchObject({ ok: true, config: { port: 8787, host: '127.0.0.1', publicUrl: null, exchangeRates: {}, trustProxy: false } });
    const full = loadConfig({
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      PUBLIC_URL: 'https://advocate.vendor.example/',
      ADMIN_TOKEN: 'x'.repeat(40),
      WEBHOOK_SECRET: `whsec_${Buffer.alloc(24, 1).toString('base64')}`,
      ADVOCATE_DATA_KEY: Buffer.alloc(32, 2).toString('base64url'),
      EXTENSION_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop, moz-extension://0b6a4a0c-33b2-4c8e-9a55-3f1f8d1e2b7c',
      ATTRIBUTION_DAYS: '30',
      EXCHANGE_RATES: 'EUR=1.08,GBP=1.27',
      TRUST_PROXY: '1',
      DATABASE_URL: 'postgres://advocate:pw@db.internal:5432/advocate',
    });
    expect(defaults.ok && defaults.config.databaseUrl).toBeNull();
    expect(full.ok && full.config).toMatchObject({ databaseUrl: 'postgres://advocate:pw@db.internal:5432/advocate', port: 0, publicUrl: 'https://advocate.vendor.example', attributionDays: 30, exchangeRates: { EUR: 1.08, GBP: 1.27 }, trustProxy: true });
    expect(full.ok && full.config.extensionOrigins).toHaveLength(2);
  });

  it('names every mistake at once', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const result = loadConfig({
      PORT: '80a',
      DATA_DIR: file,
      PUBLIC_URL: 'ftp://x',
      ADMIN_TOKEN: 'short',
      WEBHOOK_SECRET: 'secret',
      ADVOCATE_DATA_KEY: 'abc',
      EXTENSION_ORIGINS: 'https://evil.example',
      ATTRIBUTION_DAYS: '0',
      EXCHANGE_RATES: 'EUR:1.08',
      TRUST_PROXY: 'yes',
      DATABASE_URL: 'mysql://x',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.split(' ')[0])).toEqual(['PORT', 'DATA_DIR', 'PUBLIC_URL', 'ADMIN_TOKEN', 'WEBHOOK_SECRET', 'ADVOCATE_DATA_KEY', 'EXTENSION_ORIGINS:', 'ATTRIBUTION_DAYS', 'EXCHANGE_RATES:', 'TRUST_PROXY', 'DATABASE_URL']);
    expect(errors[0]).toContain('"80a"');
    expect(errors[1]).toContain('not a folder');
  });

  it('main.ts prints them and exits without listening', () => {
    const main = fileURLToPath(new URL('../../src/endpoint/main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, PORT: '99999', DATA_DIR: join(dir, 'main'), ADVOCATE_DATA_KEY: 'nope' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot start; fix its configuration/);
    expect(run.stderr).toMatch(/PORT must be a whole number from 0 to 65535 \(got "99999"\)/);
    expect(run.stderr).toMatch(/ADVOCATE_DATA_KEY must be 32 random bytes/);
    expect(run.stdout).not.toMatch(/listening/);
  });

  it('answers only when ready: the first request that gets through is served, never a 500', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const main = fileURLToPath(new URL('../../src/endpoint/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, PORT: String(port), DATA_DIR: join(dir, 'ready') }, stdio: 'ignore' });
    try {
      let first: number | null = null;
      let refused = 0;
      for (let i = 0; i < 600 && first === null; i++) {
        try {
          first = (await fetch(`http://127.0.0.1:${port}/v1/catalog`)).status;
        } catch {
          refused++; // not listening yet
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      expect(refused).toBeGreaterThan(0); // we did ask before it was ready
      expect(first).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
