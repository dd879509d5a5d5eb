// The sites Advocate serves (manifest host_permissions: where the worker may run its content
// script, see src/background/page-scripts.ts). Two sources, so the list cannot drift from what
// Advocate knows: the site families the detector reads (forges, registries, Stack
// Exchange, Reddit), written out in manifest.json; and every host the starter catalog names as a
// product's homepage, docs, forum or mailing list, added to the manifest by the build.
import { parseHostOrPath } from '../catalog/forms';
import type { Catalog } from '../catalog/schema';
import { entryValue } from '../catalog/signal-keys';
import { patternCovers } from './match-pattern';

const SITE_FIELDS = ['homepages', 'docs', 'forums', 'mailingLists'] as const;

/** `discuss.elastic.co` → `https://discuss.elastic.co/*`; `www.postgresql.org/docs` → `https://www.postgresql.org/docs*`. */
export function catalogSitePatterns(catalog: Catalog): string[] {
  const out = new Set<string>();
  for (const vendor of catalog.vendors) {
    for (const product of vendor.products) {
      for (const field of SITE_FIELDS) {
        for (const entry of product.signals[field] ?? []) {
          const parsed = parseHostOrPath(entryValue(entry));
          if (parsed) out.add(`https://${parsed.host}/${parsed.segment ? `${parsed.segment}*` : '*'}`);
        }
      }
      for (const site of product.signals.stackExchange ?? []) out.add(`https://${site.site}/*`);
    }
  }
  return [...out];
}

/** The patterns in order, without duplicates or any pattern another one already covers. */
export function withoutCovered(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns)];
  return unique.filter((p) => !unique.some((other) => other !== p && patternCovers(other, p)));
}

type ManifestWithSites = { host_permissions?: string[] };

/** manifest.json's sites, with the catalog's sites added (what the build ships). */
export function withCatalogSites<M extends ManifestWithSites>(manifest: M, catalog: Catalog): M {
  const declared = manifest.host_permissions ?? [];
  if (declared.length === 0) throw new Error('manifest.json names no host_permissions to add the catalog sites to');
  return { ...manifest, host_permissions: withoutCovered([...declared, ...catalogSitePatterns(catalog)]) };
}
