// No match on this page: the popup searches the catalog by name (enrolled vendors first).
import * as v from 'valibot';
import type { ProductHitView } from '../../core/messages/views';
import { enrolledIds } from '../pages';
import { command } from './command';

export default command({
  name: 'catalog.search',
  callers: ['popup'],
  payload: v.strictObject({
    query: v.pipe(v.string('query must be text'), v.trim(), v.maxLength(200)),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  }),
  async handle({ query, limit = 20 }, _ctx, s): Promise<ProductHitView[]> {
    const [index, enrolled] = await Promise.all([s.catalogs.get(), enrolledIds(s)]);
    const q = query.toLowerCase();
    const hits: (ProductHitView & { score: number })[] = [];
    for (const vendor of index.vendors) {
      for (const product of vendor.products) {
        const name = product.name.toLowerCase();
        const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : product.id.includes(q) ? 2 : product.description.toLowerCase().includes(q) ? 3 : -1;
        if (score < 0) continue;
        hits.push({
          score,
          vendorId: vendor.id,
          vendorName: vendor.name,
          productId: product.id,
          productName: product.name,
          description: product.description,
          enrolled: enrolled.has(vendor.id),
          ...(vendor.referral.endpoint ? { programme: true as const } : {}),
          offers: product.offers.map((o) => ({ id: o.id, name: o.name, url: o.url, adds: o.adds })),
        });
      }
    }
    hits.sort((a, b) => a.score - b.score || Number(b.enrolled) - Number(a.enrolled) || a.productName.localeCompare(b.productName));
    return hits.slice(0, limit).map(({ score: _score, ...hit }) => hit);
  },
});
