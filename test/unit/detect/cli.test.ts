// The detect CLI end to end (one process per test; kept to a few runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/detect.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('detect CLI', () => {
  it('--url prints one JSON object with the matched starter-catalog product', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/detect.ts'), '--url', 'https://github.com/MySQL/mysql-server/issues/1'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ pageType: 'forum', site: 'github', products: ['mysql'], keys: ['github:mysql/mysql-server', 'github-org:mysql'] });
  });

  it('--batch answers every line in order, with an error object for bad lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
    copyFileSync(join(ROOT, 'test/fixtures/detect/stackoverflow-question.html'), join(dir, 'q.html'));
    const lines = [
      { url: 'https://www.reddit.com/r/PostgreSQL/' },
      'this is not json',
      { url: 'https://stackoverflow.com/questions/19267507/x', html: 'q.html' },
      { url: 'https://github.com/settings' },
      { url: 'https://x.org/', html: 'missing.html' },
    ];
    writeFileSync(join(dir, 'batch.jsonl'), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    const res = run(['--batch', join(dir, 'batch.jsonl')]);
    expect(res.status).toBe(1); // some lines failed
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ pageType: 'forum', products: ['postgresql'] });
    expect(out[1].error).toMatch(/^line 2: /);
    expect(out[2]).toMatchObject({ pageType: 'forum', products: ['mysql'] });
    expect(out[3]).toMatchObject({ pageType: 'other', products: [] });
    expect(out[4].error).toMatch(/^line 5: .*missing\.html/);
  });

  it('wrong usage exits 2 with a message', () => {
    for (const args of [['--bogus'], ['--url', 'https://x.org', '--batch', 'f']]) {
      const res = run(args);
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/^detect: .*\nusage:/s);
    }
  });
});
