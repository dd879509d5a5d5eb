import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { FILE_MODE, writeZip, type ZipEntry } from '../../../scripts/zip';
import { readZip } from './read-zip';

const dir = mkdtempSync(join(tmpdir(), 'advocate-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries: ZipEntry[] = [
  { name: 'src/popup/index.html', data: Buffer.from('<!doctype html><title>Advocate</title>') },
  { name: 'manifest.json', data: Buffer.from('{"manifest_version":3}') },
  { name: 'assets/a.js', data: Buffer.from('console.log(1)'.repeat(100)) },
];

async function zipped(name: string, list: ZipEntry[]): Promise<Buffer> {
  const file = join(dir, name);
  await writeZip(list, file);
  return readFileSync(file);
}

test('the same files give the same bytes, whatever their order, the time of day or the time zone', async () => {
  const zone = process.env.TZ;
  try {
    process.env.TZ = 'UTC';
    const first = await zipped('a.zip', entries);
    process.env.TZ = 'Pacific/Auckland';
    const second = await zipped('b.zip', [...entries].reverse());
    expect(second.equals(first)).toBe(true);
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
  // …and one changed byte gives other bytes (the comparison can fail).
  const changed = await zipped('c.zip', [...entries.slice(0, 2), { name: 'assets/a.js', data: Buffer.from('console.log(2)'.repeat(100)) }]);
  expect(changed.equals(await zipped('d.zip', entries))).toBe(false);
});

test('entries are sorted, dated 2000-01-01 00:00, plain files with mode 644, and unpack to the same content', async () => {
  await zipped('sorted.zip', entries);
  const read = await readZip(join(dir, 'sorted.zip'));
  expect(read.map((e) => e.name)).toEqual(['assets/a.js', 'manifest.json', 'src/popup/index.html']);
  for (const e of read) {
    expect(e.dosDateTime).toEqual({ year: 2000, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0 });
    expect(e.mode).toBe(FILE_MODE);
    expect(e.hasExtraFields).toBe(false);
  }
  expect(read.find((e) => e.name === 'manifest.json')!.data.toString()).toBe('{"manifest_version":3}');
});

test('a name twice or a path that climbs out is refused', async () => {
  await expect(writeZip([entries[0]!, entries[0]!], join(dir, 'e.zip'))).rejects.toThrow(/twice/);
  await expect(writeZip([{ name: '../evil', data: Buffer.from('') }], join(dir, 'f.zip'))).rejects.toThrow(/outside/);
});
