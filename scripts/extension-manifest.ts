// The manifest the build ships: manifest.json with its content script declared also for every
// site the starter catalog names (src/core/sites/served.ts). vite.config.ts loads this through
// Vite's module runner; tests import it, so they check what the build ships.
import manifest from '../manifest.json' with { type: 'json' };
import { starterCatalog } from '../src/core/catalog/starter';
import { withCatalogSites } from '../src/core/sites/served';
import type { Manifest } from './firefox-manifest.ts';

export const extensionManifest = (): Manifest & typeof manifest => withCatalogSites(structuredClone(manifest), starterCatalog);
