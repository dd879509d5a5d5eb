// strict_min_version is only right if the needs table names everything the extension uses that
// old Firefoxes lack, with the versions MDN's browser-compat-data gives. These tests read the
// sources, so a new API cannot be used without the table (and so the floor) knowing it.
import bcd from '@mdn/browser-compat-data' with { type: 'json' };
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import { FIREFOX_API_NAMESPACES, FIREFOX_NEEDS } from '../../../scripts/firefox-manifest';

const SRC = resolve(import.meta.dirname, '../../../src');
/** The parts that run in the browser (the endpoint and the CLI run in Node). */
const EXTENSION_DIRS = ['background', 'content', 'popup', 'options', 'ui', 'core'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

// Comments name APIs too ("chrome.storage.session, which…"): only code counts.
const printer = ts.createPrinter({ removeComments: true });
const withoutComments = (file: string) => printer.printFile(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
const sources = EXTENSION_DIRS.flatMap((dir) => sourceFiles(join(SRC, dir))).map((file) => ({ file, code: withoutComments(file) }));

type Support = { version_added: string | boolean | null; alternative_name?: string };
function firefoxSince(path: string, alternativeName?: string): number {
  const node = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], bcd) as { __compat?: { support: { firefox: Support | Support[] } } } | undefined;
  const support = node?.__compat?.support.firefox;
  if (!support) throw new Error(`browser-compat-data has no Firefox entry at ${path}`);
  const entries = Array.isArray(support) ? support : [support];
  const entry = entries.find((s) => s.alternative_name === alternativeName);
  if (!entry || typeof entry.version_added !== 'string') throw new Error(`browser-compat-data gives no Firefox version at ${path}${alternativeName ? ` as ${alternativeName}` : ''}`);
  return Number.parseInt(entry.version_added, 10);
}

/** Extension API namespace → its browser-compat-data path (contextMenus is the alias of menus). */
const bcdOfNamespace = (ns: string): [string, string?] => (ns === 'contextMenus' ? ['webextensions.api.menus', 'contextMenus'] : [`webextensions.api.${ns}`]);

/** Web APIs newer than Firefox's MV3 floor that the sources could start using; each maps to its BCD path. */
const WATCHED_WEB_APIS: { pattern: RegExp; bcd: string }[] = [
  { pattern: /navigator\.locks/, bcd: 'api.LockManager' },
  { pattern: /\brandomUUID\b/, bcd: 'api.Crypto.randomUUID' },
  { pattern: /\bEd25519\b/, bcd: 'api.SubtleCrypto.verify.ed25519' },
  { pattern: /\bClipboardItem\b/, bcd: 'api.ClipboardItem' },
  { pattern: /\bnavigation\b/, bcd: 'api.Navigation' },
  { pattern: /\b(?:Compression|Decompression)Stream\b/, bcd: 'api.CompressionStream' },
  { pattern: /\brequestIdleCallback\b/, bcd: 'api.Window.requestIdleCallback' },
  { pattern: /\bscheduler\.(?:postTask|yield)\b/, bcd: 'api.Scheduler' },
  { pattern: /\bAbortSignal\.any\b/, bcd: 'api.AbortSignal.any_static' },
  { pattern: /\bAbortSignal\.timeout\b/, bcd: 'api.AbortSignal.timeout_static' },
  { pattern: /\bPromise\.withResolvers\b/, bcd: 'javascript.builtins.Promise.withResolvers' },
  { pattern: /\bURL\.parse\b/, bcd: 'api.URL.parse_static' },
  { pattern: /\bURL\.canParse\b/, bcd: 'api.URL.canParse_static' },
  { pattern: /\bIterator\.from\b/, bcd: 'javascript.builtins.Iterator.from' },
  { pattern: /\bArray\.fromAsync\b/, bcd: 'javascript.builtins.Array.fromAsync' },
  { pattern: /\b(?:Object|Map)\.groupBy\b/, bcd: 'javascript.builtins.Object.groupBy' },
  { pattern: /\bIntl\.DurationFormat\b/, bcd: 'javascript.builtins.Intl.DurationFormat' },
  { pattern: /\bstructuredClone\b/, bcd: 'api.structuredClone' },
];

test('every need and namespace gives the Firefox version browser-compat-data gives', () => {
  for (const need of FIREFOX_NEEDS) expect({ need: need.what, since: need.since }).toEqual({ need: need.what, since: firefoxSince(need.bcd) });
  for (const [ns, since] of Object.entries(FIREFOX_API_NAMESPACES)) expect({ ns, since }).toEqual({ ns, since: firefoxSince(...bcdOfNamespace(ns)) });
  for (const api of WATCHED_WEB_APIS) expect(() => firefoxSince(api.bcd)).not.toThrow();
});

test('every extension API namespace the sources call is in the table, and every table entry is called', () => {
  const used = new Set<string>();
  for (const { code } of sources) {
    for (const m of code.matchAll(/\b(?:chrome|browser|ext)\??\.([a-z][A-Za-z0-9]+)(?:\??\.(local|session|sync|managed)\b)?/g)) {
      used.add(m[1] === 'storage' ? `storage.${m[2] ?? '?'}` : m[1]!);
    }
  }
  expect([...used].sort()).toEqual(Object.keys(FIREFOX_API_NAMESPACES).sort());
});

test('every watched web API the sources use is a need, and every web-API need is used', () => {
  const used = new Set(WATCHED_WEB_APIS.filter((api) => sources.some(({ code }) => api.pattern.test(code))).map((api) => api.bcd));
  const webNeeds = FIREFOX_NEEDS.filter((n) => !n.bcd.startsWith('webextensions.')).map((n) => n.bcd);
  expect([...used].sort()).toEqual([...webNeeds].sort());
});

test('the manifest-level needs are the keys manifest.json really has', () => {
  const has = (key: string) => key in manifest;
  expect(has('action') && has('optional_host_permissions') && manifest.background.type === 'module').toBe(true);
  // Keys whose Firefox support is newer than Firefox's MV3 (109) must each be a need.
  const newerKeys = Object.keys(manifest).filter((key) => {
    try {
      return firefoxSince(`webextensions.manifest.${key}`) > 109;
    } catch {
      return false; // Chrome-only keys (minimum_chrome_version) have no Firefox entry
    }
  });
  for (const key of newerKeys) expect(FIREFOX_NEEDS.map((n) => n.bcd)).toContain(`webextensions.manifest.${key}`);
  expect(newerKeys).toContain('optional_host_permissions');
});
