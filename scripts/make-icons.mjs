// Draws the toolbar icons (a teal badge with a white speech mark) as PNGs, so no binary
// design file has to live in the repo; the `match` variant adds an amber dot, shown on a tab
// whose page has something to recommend. Run once: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function icon(size, dot = false) {
  const rows = [];
  const r = size * 0.22;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, r), size - r);
      const cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      // white "A"-like chevron: two strokes meeting at the top centre, plus a crossbar
      const u = (x + 0.5) / size, v = (y + 0.5) / size;
      const stroke = 0.09;
      const left = Math.abs(u - (0.5 - (v - 0.2) * 0.45)) < stroke / 1.2 && v > 0.2 && v < 0.8;
      const right = Math.abs(u - (0.5 + (v - 0.2) * 0.45)) < stroke / 1.2 && v > 0.2 && v < 0.8;
      const bar = Math.abs(v - 0.6) < stroke / 2 && u > 0.36 && u < 0.64;
      const d = Math.hypot(x + 0.5 - size * 0.78, y + 0.5 - size * 0.22);
      if (dot && d <= size * 0.22) row.push(...(d <= size * 0.17 ? [0xf5, 0x9e, 0x0b, 255] : [255, 255, 255, 255]));
      else if (!inside) row.push(0, 0, 0, 0);
      else if (left || right || bar) row.push(255, 255, 255, 255);
      else row.push(0x0f, 0x76, 0x6e, 255);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${size}.png`, icon(size));
for (const size of [16, 32]) writeFileSync(`public/icons/icon-match-${size}.png`, icon(size, true));
