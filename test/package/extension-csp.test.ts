// Trust: what ships. Both production builds (built here into temporary folders, as
// `npm run package` builds them) keep the browsers' default extension CSP (no
// content_security_policy, or one no looser than the default), expose nothing to web pages
// (no web_accessible_resources, no externally_connectable, content scripts in the isolated world),
// load no script from elsewhere, and contain no eval, new Function or string-built markup except
// the library sites listed in BUNDLE_ALLOWED, each with the reason it is safe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_SINKS, filesUnder, HTML_SINKS, scan, type Finding } from '../trust/code-scan';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'advocate-csp-'));
const BUILDS = { chrome: join(work, 'chrome'), firefox: join(work, 'firefox') };

/** Library code in the bundles that matches a sink, and why it is safe. Each must still match (or be removed). */
const BUNDLE_ALLOWED: { rule: string; around: RegExp; why: string }[] = [
  {
    rule: 'innerHTML',
    around: /\w+\.__html==\w+\.innerHTML|\w+\.innerHTML=\w+\.__html/,
    why: 'Preact’s diff applies a dangerouslySetInnerHTML prop; no source file passes one (test/unit/trust/no-html-injection.test.ts)',
  },
  {
    rule: 'dangerouslySetInnerHTML',
    around: /==\s*[`'"]dangerouslySetInnerHTML[`'"]/,
    why: 'the same Preact diff recognising that prop’s name while it walks an element’s props',
  },
];

beforeAll(() => {
  // A production build in a child process, as `npm run package` makes it (vitest's NODE_ENV=test gives other bundles).
  for (const [browser, outDir] of Object.entries(BUILDS)) {
    const args = ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...(browser === 'firefox' ? ['--mode', 'firefox'] : [])];
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), ...args], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A CSP no looser than the MV3 default: scripts and objects from the extension only. */
function strictEnough(policy: string): string[] {
  const problems: string[] = [];
  const directives = new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
  for (const name of ['script-src', 'object-src', 'worker-src', 'default-src']) {
    for (const source of directives.get(name) ?? []) {
      if (!["'self'", "'none'"].includes(source)) problems.push(`${name} allows ${source}`);
    }
  }
  if (!directives.has('script-src') && !directives.has('default-src')) problems.push('no script-src');
  return problems;
}

describe.each(Object.keys(BUILDS) as (keyof typeof BUILDS)[])('the %s build', (browser) => {
  const dir = () => BUILDS[browser];
  const manifest = () => JSON.parse(readFileSync(join(dir(), 'manifest.json'), 'utf8'));

  it('keeps the default extension CSP and exposes nothing to web pages', () => {
    const m = manifest();
    const csp = m.content_security_policy;
    const policies: string[] = csp === undefined ? [] : typeof csp === 'string' ? [csp] : Object.values(csp as Record<string, string>);
    expect(policies.flatMap(strictEnough)).toEqual([]);
    expect(csp?.sandbox).toBeUndefined();
    expect(m.web_accessible_resources ?? []).toEqual([]); // a page could probe them to learn Advocate is installed
    expect(m.externally_connectable).toBeUndefined(); // no web page or other extension may message the worker
    for (const script of m.content_scripts ?? []) expect(script.world ?? 'ISOLATED').toBe('ISOLATED');
  });

  it('loads every page script from the extension itself, with no inline script or handler', () => {
    const pages = filesUnder(dir(), /\.html$/);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const problems: string[] = [];
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const src = /\bsrc\s*=\s*["']([^"']*)["']/i.exec(m[1]!)?.[1];
        if (!src) problems.push(`${page}: inline script`);
        else if (/^(https?:)?\/\/|^(data|blob):/i.test(src)) problems.push(`${page}: script from ${src}`);
        if (m[2]!.trim() !== '') problems.push(`${page}: script with inline code`);
      }
      for (const m of html.matchAll(/<[^>]+\son[a-z]+\s*=/gi)) problems.push(`${page}: inline handler ${m[0]}`);
      for (const m of html.matchAll(/\b(?:href|src)\s*=\s*["'](?:https?:)?\/\/[^"']*/gi)) problems.push(`${page}: remote resource ${m[0]}`);
    }
    for (const css of filesUnder(dir(), /\.css$/)) {
      for (const m of readFileSync(css, 'utf8').matchAll(/@import|url\(\s*['"]?(?:https?:)?\/\//gi)) problems.push(`${css}: remote style ${m[0]}`);
    }
    expect(problems).toEqual([]);
  });

  it('contains no eval, new Function, remote code or string-built markup beyond the documented library sites', () => {
    const bundles = filesUnder(dir(), /\.m?js$/);
    expect(bundles.length).toBeGreaterThan(3);
    const found = scan(dir(), bundles, [...HTML_SINKS, ...CODE_SINKS]);
    const allowedBy = (f: Finding) => BUNDLE_ALLOWED.find((a) => a.rule === f.rule && a.around.test(f.excerpt));
    const unexplained = found.filter((f) => !allowedBy(f));
    const bytes = bundles.reduce((n, f) => n + readFileSync(f).length, 0);
    console.log(`bundle scan (${browser}): ${bundles.length} bundles, ${bytes} bytes, ${found.length} library sites allowed (${BUNDLE_ALLOWED.map((a) => a.rule).join(', ')}); violations found: ${unexplained.length}`);
    expect(unexplained.map((f) => `${f.file}: ${f.rule}: …${f.excerpt}…`)).toEqual([]);
    for (const a of BUNDLE_ALLOWED) expect(found.some((f) => allowedBy(f) === a), `BUNDLE_ALLOWED "${a.rule}" matches nothing any more: remove it`).toBe(true);
  });
});

describe('the CSP check itself (positive control)', () => {
  it('refuses policies looser than the default', () => {
    expect(strictEnough("script-src 'self'; object-src 'self'")).toEqual([]);
    expect(strictEnough("script-src 'self' 'unsafe-eval'; object-src 'self'")).toEqual(["script-src allows 'unsafe-eval'"]);
    expect(strictEnough("script-src 'self' https://cdn.example; object-src 'none'")).toEqual(['script-src allows https://cdn.example']);
    expect(strictEnough("script-src 'self' 'wasm-unsafe-eval'")).toEqual(["script-src allows 'wasm-unsafe-eval'"]);
    expect(strictEnough("object-src 'self'")).toEqual(['no script-src']);
  });
});
