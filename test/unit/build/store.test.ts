// The store texts in store/ against the extension they describe: one justification per
// permission of the manifest, the listing's name and summary equal to the extension's own
// strings and within the stores' limits, the referral programme first, the privacy policy's
// data table equal to scripts/data-collection.ts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import source from '../../../manifest.json' with { type: 'json' };
import { extensionManifest } from '../../../scripts/extension-manifest';
import { starterCatalog } from '../../../src/core/catalog/starter';
import { catalogSitePatterns } from '../../../src/core/sites/served';
import messages from '../../../public/_locales/en/messages.json' with { type: 'json' };
import { requiredCategories } from '../../../scripts/data-collection';
import { firefoxSourceManifest } from '../../../scripts/firefox-manifest';
import { CATEGORY_NAMES, PRIVACY_POLICY, withCurrentTable } from '../../../scripts/store-texts';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** `## Section` → its text, for one markdown file. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const [title, ...body] = part.split('\n');
    out.set(title!.trim(), body.join('\n').trim());
  }
  return out;
}

/** `### \`name\`` → its justification, within one section. */
function justifications(section: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of section.split(/^### /m).slice(1)) {
    const [title, ...body] = part.split('\n');
    out.set(/^`(.+)`$/.exec(title!.trim())?.[1] ?? title!.trim(), body.join('\n').trim());
  }
  return out;
}

type ManifestLike = { permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[]; optional_host_permissions?: string[]; };

/** Section of store/permissions.md → what the manifest asks for under it. */
const PERMISSION_SECTIONS: Record<string, (m: ManifestLike) => string[]> = {
  Permissions: (m) => m.permissions ?? [],
  'Optional permissions': (m) => m.optional_permissions ?? [],
  'Host permissions': (m) => m.host_permissions ?? [],
  'Optional host permissions': (m) => m.optional_host_permissions ?? [],
};
const asked = (m: ManifestLike) =>
  Object.fromEntries(Object.entries(PERMISSION_SECTIONS).map(([title, of]) => [title, [...of(m)].sort()]).filter(([, list]) => list!.length > 0));

/** The group that stands for every match the build adds from the starter catalog (scripts/extension-manifest.ts). */
const CATALOG_GROUP = 'Sites the starter catalog names';

/**
 * What the doc justifies: one `### \`name\`` per permission; host permissions by group, each
 * group naming its patterns in backticks, and the catalog group for the sites the build adds.
 */
function documentedSections(doc: Map<string, string>, manifest: ManifestLike): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [title, body] of doc) {
    if (!(title in PERMISSION_SECTIONS)) continue;
    const entries = justifications(body);
    if (title !== 'Host permissions') {
      out[title] = [...entries.keys()].sort();
      continue;
    }
    const named = [...entries].filter(([group]) => group !== CATALOG_GROUP).flatMap(([, why]) => [...why.matchAll(/`(https:\/\/[^`]+)`/g)].map((m) => m[1]!));
    const catalogSites = new Set(catalogSitePatterns(starterCatalog));
    const fromCatalog = entries.has(CATALOG_GROUP) ? (manifest.host_permissions ?? []).filter((m) => catalogSites.has(m) && !source.host_permissions.includes(m)) : [];
    out[title] = [...new Set([...named, ...fromCatalog])].sort();
  }
  return out;
}

test('store/permissions.md justifies each permission, host permission and match of the manifest, and nothing else', () => {
  const doc = sections(read('store/permissions.md'));
  const manifest = extensionManifest();
  const expected = asked(manifest as ManifestLike);
  expect(asked(firefoxSourceManifest(manifest) as ManifestLike)).toEqual(expected); // the Firefox build asks for the same
  expect(documentedSections(doc, manifest as ManifestLike)).toEqual(expected);
  // …and a match the doc does not name is caught.
  const widened = { ...manifest, host_permissions: ['https://github.com/*', 'https://news.example.com/*'] };
  expect(documentedSections(doc, widened)['Host permissions']).not.toContain('https://news.example.com/*');
  const short = [...doc].flatMap(([title, body]) => [...justifications(body)].filter(([, why]) => why.length < 30).map(([name]) => `${title}: ${name}`));
  expect(short).toEqual([]);
  expect(doc.get('Single purpose')?.length).toBeGreaterThan(100);
  expect(doc.get('Remote code')).toMatch(/^No\./);
});

test('the listing’s name and short description are the extension’s own, within the stores’ limits', () => {
  const listing = sections(read('store/listing.md'));
  expect(listing.get('Name')).toBe(messages.extensionName.message);
  expect(listing.get('Name')!.length).toBeLessThanOrEqual(45); // AMO's limit (Chrome's is 75)
  expect(listing.get('Short description')).toBe(messages.extensionDescription.message);
  expect(listing.get('Short description')!.length).toBeLessThanOrEqual(132); // Chrome's summary limit (AMO's is 250)
  expect(listing.get('Description')!.length).toBeLessThanOrEqual(16_000);
});

test('the description says first, in plain words, that Advocate is a referral programme that pays commissions', () => {
  const description = sections(read('store/listing.md')).get('Description')!;
  const first = description.split('\n\n')[0]!;
  for (const word of [/referral/i, /affiliate/i, /commission/i]) expect(first).toMatch(word);
  expect(description).toMatch(/disclosure/i);
  expect(description).toMatch(/never rewrites/i);
});

test('every screenshot the listing names exists', () => {
  const names = [...read('store/listing.md').matchAll(/`(docs\/screenshots\/[^`]+\.png)`/g)].map((m) => m[1]!);
  expect(names.length).toBeGreaterThanOrEqual(4);
  expect(names.filter((name) => !existsSync(resolve(ROOT, name)))).toEqual([]);
});

test('the privacy policy’s data table is the one scripts/data-collection.ts gives (npm run store:texts)', () => {
  const policy = readFileSync(PRIVACY_POLICY, 'utf8');
  expect(withCurrentTable(policy)).toBe(policy);
  for (const category of requiredCategories()) expect(policy).toContain(CATEGORY_NAMES[category].firefox);
  // …and a stale table is caught.
  expect(withCurrentTable(policy.replace('Browsing activity', 'Nothing much'))).not.toBe(policy.replace('Browsing activity', 'Nothing much'));
});
