// Catalog figures: time to validate and compile the starter catalog, and key lookups per second
// (half known keys, half unknown ones, as on real pages). Reported, no budget.
//   npx tsx bench/catalog.ts [--quick]
import { compileCatalog, parseCatalog, signalKeys, starterCatalog } from '../src/core/catalog';
import { type Bench, interleave, isMain, median, round, runStandalone } from './figure';

export const bench: Bench = {
  title: 'Starter catalog',
  async run({ quick }) {
    const raw = JSON.parse(JSON.stringify(starterCatalog)) as unknown;
    const runs = quick ? 30 : 200;
    const times = interleave(runs, runs / 10, {
      parse: () => void parseCatalog(raw),
      compile: () => void compileCatalog([starterCatalog]),
    });
    const index = compileCatalog([starterCatalog]);
    const known = index.vendors.flatMap((v) => v.products.flatMap((p) => signalKeys(p.signals).map((k) => k.key)));
    const probes = known.flatMap((k) => [k, `${k}-unknown`]);
    let hits = 0;
    const lookups = interleave(quick ? 20 : 100, 5, {
      lookup: () => {
        for (let r = 0; r < 20; r++) for (const key of probes) hits += index.lookup(key).length;
      },
    });
    if (hits === 0) throw new Error('no catalog key found itself');
    const products = index.vendors.reduce((n, v) => n + v.products.length, 0);
    const size = `${index.vendors.length} vendors, ${products} products, ${index.keyCount} distinct keys`;
    return [
      { name: 'starter catalog, parseCatalog (validate), median', value: round(median(times.parse)), unit: 'ms', budget: null, note: size },
      { name: 'starter catalog, compileCatalog, median', value: round(median(times.compile)), unit: 'ms', budget: null },
      { name: 'catalog key lookups', value: round((20 * probes.length) / median(lookups.lookup) / 1000), unit: 'M/s', budget: null },
    ];
  },
};

if (isMain(import.meta)) await runStandalone(bench);
