// The catalog's public host and path keys (`host:discuss.elastic.co`, `path:…`), which the worker
// keeps in storage.local so the content script can tell, without waking the worker, whether an
// ordinary page is one the catalog names. Public data only: content scripts can read storage.local.

export const CATALOG_HOSTS_KEY = 'advocate:catalog-hosts';

/** How the keys are stored: `{ key: 1 }`, one object lookup per key. */
export type CatalogHosts = Record<string, 1>;

export const catalogHostsOf = (siteKeys: readonly string[]): CatalogHosts => Object.fromEntries(siteKeys.map((key) => [key, 1]));

export function namesAny(hosts: CatalogHosts | undefined, keys: readonly string[]): boolean {
  return hosts !== undefined && keys.some((key) => hosts[key] === 1);
}
