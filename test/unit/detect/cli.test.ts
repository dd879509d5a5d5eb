// The detect CLI end to end (one process per test; kept to a few runs).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
// The timeout is the bound a hung run (reading /dev/zero, say) would hit: status null fails the test.
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/detect.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

// Each run starts a process (about a second, far more on a loaded machine).
describe('detect CLI', { timeout: 120_000 }, () => {
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

  it('a file that is not a saved page, a bad URL or a page without one is an error that names it, in bounded size and time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
    writeFileSync(join(dir, 'empty.html'), '');
    writeFileSync(join(dir, 'data.html'), '{"items": []}');
    writeFileSync(join(dir, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'corrupt.html.gz'), 'this is not gzip');
    writeFileSync(join(dir, 'bomb.html.gz'), gzipSync(Buffer.alloc(20 * 1024 * 1024)));
    writeFileSync(join(dir, 'nameless.html'), '<!doctype html><title>no canonical link</title>');
    copyFileSync(join(ROOT, 'test/fixtures/detect/stackoverflow-question.html'), join(dir, 'q.html'));
    const lines = [
      { html: 'empty.html' },
      { html: 'data.html' },
      { html: 'image.html' },
      { html: 'corrupt.html.gz' },
      { html: 'bomb.html.gz' },
      { html: '/dev/zero' },
      { html: 'nameless.html' },
      { url: '' },
      { url: 'not a url' },
      { html: 'q.html' }, // no url: the page's canonical link names it
      {},
    ];
    writeFileSync(join(dir, 'batch.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const res = run(['--batch', join(dir, 'batch.jsonl')]);
    expect(res.status).toBe(1);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const file = (name: string) => join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(out.map((o) => o.error ?? o.url)).toEqual([
      expect.stringMatching(new RegExp(`^line 1: ${file('empty.html')}: empty file, not an HTML page$`)),
      expect.stringMatching(new RegExp(`^line 2: ${file('data.html')}: not an HTML page \\(it starts with "\\{`)),
      expect.stringMatching(new RegExp(`^line 3: ${file('image.html')}: binary data, not an HTML page$`)),
      expect.stringMatching(new RegExp(`^line 4: ${file('corrupt.html.gz')}: not a valid gzip file`)),
      expect.stringMatching(new RegExp(`^line 5: ${file('bomb.html.gz')}: unzips to more than the 16 MiB`)),
      'line 6: /dev/zero: not a regular file (a device or pipe), so not a saved page',
      expect.stringMatching(new RegExp(`^line 7: ${file('nameless.html')}: names no canonical link or og:url; give its URL$`)),
      'line 8: "url" is empty',
      'line 9: "url" "not a url" is not a URL',
      'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow',
      'line 11: give "url", "html" or both',
    ]);
    expect(out[9]).toMatchObject({ pageType: 'forum', products: ['mysql'] });

    const single = run(['--html', join(dir, 'empty.html')]);
    expect(single.status).toBe(1);
    expect(single.stderr).toBe(`detect: ${join(dir, 'empty.html')}: empty file, not an HTML page\n`);
    const device = run(['--html', '/dev/zero', '--url', 'https://x.org/']);
    expect(device.status).toBe(1);
    expect(device.stderr).toMatch(/^detect: \/dev\/zero: not a regular file/);
  });

  it('wrong usage exits 2 with a message', () => {
    for (const args of [['--bogus'], ['--url', 'https://x.org', '--batch', 'f'], ['--url', ''], ['--url', 'not a url']]) {
      const res = run(args);
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/^detect: .*\nusage:/s);
    }
  });

  it('eval:detect says where saved pages are expected and how to pass another folder', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/eval-detect.ts'), join(tmpdir(), 'no-such-pages-folder')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      `eval:detect: no saved pages at ${join(tmpdir(), 'no-such-pages-folder')}\n` +
        '  pass another folder: npm run eval:detect -- path/to/pages\n' +
        '  or score the labelled URLs alone: npm run eval:detect -- none\n',
    );
  });
});
