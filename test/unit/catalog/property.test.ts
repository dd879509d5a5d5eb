import fc from 'fast-check';
import { expect, test } from 'vitest';
import { CatalogError, compileCatalog, parseCatalog } from '../../../src/core/catalog';
import { validCatalog } from './fixtures';

/** parseCatalog either returns a catalog that compiles, or throws a CatalogError: nothing else. */
function parsesOrRejectsCleanly(input: unknown): boolean {
  try {
    const catalog = parseCatalog(input);
    compileCatalog([catalog]);
    return true;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    expect(error.message).toContain(error.field || '(root)');
    return false;
  }
}

test('arbitrary JSON only ever yields a CatalogError', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (input) => {
      parsesOrRejectsCleanly(input);
    }),
    { numRuns: 300 },
  );
});

/** Every path to a value inside the valid catalog, e.g. ['vendors', 0, 'products', 1, 'id']. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

const CATALOG_PATHS = paths(validCatalog()).filter((p) => p.length > 0);

function replaceAt(path: (string | number)[], replacement: unknown): unknown {
  const root: Record<string | number, unknown> = validCatalog() as never;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return root;
}

test('a valid catalog with any one field replaced by arbitrary JSON parses or fails with a CatalogError', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CATALOG_PATHS), fc.jsonValue({ maxDepth: 3 }), (path, replacement) => {
      parsesOrRejectsCleanly(replaceAt(path, replacement));
    }),
    { numRuns: 500 },
  );
});

test('replacing a string field with arbitrary text is either accepted or blamed on that field', () => {
  const stringPaths = CATALOG_PATHS.filter((p) => {
    let node: unknown = validCatalog();
    for (const key of p) node = (node as Record<string | number, unknown>)[key];
    return typeof node === 'string';
  });
  fc.assert(
    fc.property(fc.constantFrom(...stringPaths), fc.string({ maxLength: 40 }), (path, text) => {
      try {
        parseCatalog(replaceAt(path, text));
      } catch (error) {
        expect(error).toBeInstanceOf(CatalogError);
        const field = (error as CatalogError).field;
        // The blamed field is the replaced one, or (for a key collision or duplicate id) its product.
        const replaced = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1);
        const product = replaced.match(/^vendors\[\d+\]\.products\[\d+\]/)?.[0] ?? replaced;
        expect(field === replaced || field.startsWith(`${product}.`), `${field} blamed for ${replaced}`).toBe(true);
      }
    }),
    { numRuns: 500 },
  );
});
