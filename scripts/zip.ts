// Zips that are the same bytes for the same files: entries sorted by name, one fixed time stamp,
// one file mode, the same compression. Store reviewers (and our own test) can then rebuild from
// the sources and compare checksums.
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  /** Path inside the zip, with forward slashes. */
  name: string;
  data: Buffer;
}

/**
 * 2000-01-01 00:00 for every entry. DOS fields are local time, so the date is made from local
 * fields at each write and the bytes do not depend on the time zone; no UTC extra field is
 * written. (Not 1980-01-01: yazl clamps to its own 1980 minimum, taken in the zone it loaded in.)
 */
const fixedMtime = () => new Date(2000, 0, 1, 0, 0, 0);
export const FILE_MODE = 0o100644;

/** Every file under `dir` (no directories, no symlinks followed), named relative to it. */
export function filesUnder(dir: string): ZipEntry[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const path = join(at, entry.name);
      if (entry.isDirectory()) return walk(path);
      if (entry.isFile()) return [path];
      throw new Error(`${path} is neither a file nor a folder; a package holds only files`);
    });
  return walk(dir).map((path) => ({ name: relative(dir, path).split(sep).join('/'), data: readFileSync(path) }));
}

export async function writeZip(entries: readonly ZipEntry[], file: string): Promise<void> {
  const names = new Set<string>();
  for (const { name } of entries) {
    if (names.has(name)) throw new Error(`${name} is twice in ${file}`);
    if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`${name} would unpack outside its folder`);
    names.add(name);
  }
  const zip = new ZipFile();
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    zip.addBuffer(entry.data, entry.name, { mtime: fixedMtime(), mode: FILE_MODE, compress: true, compressionLevel: 9, forceDosTimestamp: true });
  }
  zip.end();
  mkdirSync(dirname(file), { recursive: true });
  await new Promise<void>((done, fail) => {
    const out = createWriteStream(file);
    out.on('close', () => done());
    out.on('error', fail);
    zip.outputStream.on('error', fail).pipe(out);
  });
}
