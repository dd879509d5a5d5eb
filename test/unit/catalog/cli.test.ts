// `npm run catalog -- …` end to end (one process per run; kept to a few runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterCatalog } from '../../../src/core/catalog';

const ROOT = join(import.meta.dirname, '../../..');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/catalog.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

function vendor(id: string, checked: string, url: string) {
  return {
    id, name: `${id} Inc.`, homepage: `https://${id}.example.com`, referral: { linkStyle: 'offer-param' }, currency: 'USD',
    products: [
      {
        id: 'dbx', name: 'DBX', description: 'A database.', source: 'https://github.com/dbx/dbx', checked,
        signals: { repositories: ['https://github.com/dbx/dbx'] },
        offers: [{ id: 'pro', name: 'DBX Pro', url, adds: 'Adds support.', source: url, checked, unverified: true, commission: { kind: 'percent', value: 10, period: 'first-year' } }],
      },
    ],
  };
}

// Each run starts a process (about a second, far more on a loaded machine).
describe('catalog CLI', { timeout: 120_000 }, () => {
  it('check on the bundled starter catalog is clean (CI runs it before the tests)', () => {
    const res = run(['check']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^catalog check: \d+ vendor files in .*\nno errors\n/);
    expect(res.stdout).toMatch(/claims in \d+ files are marked "unverified"/);
  });

  it('check lists every problem by file, product and field, and what is over a year old', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{ "id": "bad", ');
    writeFileSync(join(dir, 'acme.json'), JSON.stringify(vendor('acme', '2024-06-01', 'http://acme.example.com/pro')));
    writeFileSync(join(dir, 'beta.json'), JSON.stringify(vendor('beta', '2024-06-01', 'https://beta.example.com/pro')));
    writeFileSync(join(dir, 'index.ts'), "import acme from './acme.json';\nimport gone from './gone.json';\n");
    const res = run(['check', '--all', '--dir', dir, '--today', '2026-12-01']);
    expect(res.status).toBe(1);
    const out = res.stdout;
    expect(out).toMatch(/errors \(\d+\):/);
    expect(out).toMatch(/ {2}bad\.json\n {4}\(file\): not valid JSON[^\n]*\n {4}\(file\): not imported by/);
    expect(out).toMatch(/ {2}beta\.json\n {4}\(file\): not imported by/);
    expect(out).toMatch(/gone\.json\n {4}\(file\): imported by .* but missing from the folder/);
    expect(out).toMatch(/ {2}acme\.json\n {4}product "dbx"\n {6}products\[0\]\.offers\[0\]\.url: offer url must be an https URL/);
    // acme has an error, so only beta gets the date review.
    expect(out).toMatch(/checked over a year ago[^\n]*\(\d+\):\n {2}beta\.json\n {4}product "dbx"\n {6}products\[0\]\.checked: the product was last checked on 2024-06-01, over a year ago/);
    expect(out).toMatch(/unverified[^\n]*\(1\):\n {2}beta\.json\n {4}product "dbx"\n {6}products\[0\]\.offers\[0\]\.unverified: /);
  });

  it('print gives the bundled catalog; product ID one product per vendor with its keys; unknown ids are errors', () => {
    const printed = run(['print']);
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(starterCatalog);

    const mysql = run(['product', 'mysql']);
    expect(mysql.status).toBe(0);
    const shown = JSON.parse(mysql.stdout);
    expect(shown.offeredBy.map((o: { vendor: { id: string } }) => o.vendor.id)).toEqual(['oracle', 'aiven']);
    expect(shown.offeredBy[0].signals).toContainEqual(expect.objectContaining({ value: 'mysql/mysql-server', key: 'docker:mysql/mysql-server', role: 'image', legacy: expect.stringMatching(/registry/) }));
    expect(shown.offeredBy[0].offers[0]).toMatchObject({ id: 'mysql-enterprise', checked: '2026-12-01' });

    const unknown = run(['product', 'nosuchproduct']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^catalog: no product "nosuchproduct".*mysql/);
  });
});
