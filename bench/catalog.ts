// Catalog figures: time to validate and compile the starter catalog, and lookups per second.
// Run: npx tsx bench/catalog.ts
import { compileCatalog, parseCatalog, signalKeys, starterCatalog } from '../src/core/catalog';

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const raw = JSON.parse(JSON.stringify(starterCatalog)) as unknown;
for (let i = 0; i < 20; i++) compileCatalog([parseCatalog(raw)]); // warm up

const parseMs = timeMs(200, () => parseCatalog(raw));
const compileMs = timeMs(200, () => compileCatalog([starterCatalog]));
const index = compileCatalog([starterCatalog]);

// Half known keys, half unknown ones, as on real pages.
const known = index.vendors.flatMap((v) => v.products.flatMap((p) => signalKeys(p.signals).map((k) => k.key)));
const probes = known.flatMap((k) => [k, `${k}-unknown`]);
const rounds = 2_000;
let hits = 0;
const start = performance.now();
for (let r = 0; r < rounds; r++) for (const key of probes) hits += index.lookup(key).length;
const seconds = (performance.now() - start) / 1000;

const products = index.vendors.reduce((n, v) => n + v.products.length, 0);
console.log(`starter catalog: ${index.vendors.length} vendors, ${products} products, ${index.keyCount} distinct keys`);
console.log(`parseCatalog (validate) median: ${parseMs.toFixed(3)} ms`);
console.log(`compileCatalog median:          ${compileMs.toFixed(3)} ms`);
console.log(`lookups: ${((rounds * probes.length) / seconds / 1e6).toFixed(1)} M/s (${hits} hits)`);
