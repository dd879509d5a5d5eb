// Reads a zip back (yauzl) with the raw fields the reproducibility tests check.
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

export interface ReadEntry {
  name: string;
  data: Buffer;
  /** The DOS date and time fields as stored (no time zone applied). */
  dosDateTime: { year: number; month: number; day: number; hours: number; minutes: number; seconds: number };
  /** Unix mode from the external attributes. */
  mode: number;
  hasExtraFields: boolean;
}

export async function readZip(file: string): Promise<ReadEntry[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries: ReadEntry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const d = entry.lastModFileDate;
      const t = entry.lastModFileTime;
      entries.push({
        name: entry.fileName,
        data: await buffer(await zip.openReadStreamPromise(entry)),
        dosDateTime: { year: (d >> 9) + 1980, month: (d >> 5) & 0xf, day: d & 0x1f, hours: t >> 11, minutes: (t >> 5) & 0x3f, seconds: (t & 0x1f) * 2 },
        mode: entry.externalFileAttributes >>> 16,
        hasExtraFields: entry.extraFields.length > 0,
      });
    }
  } finally {
    zip.close();
  }
  return entries;
}

