// What the trust tests look for in code: markup built from strings (innerHTML and kin), code built
// from strings (eval, new Function, string timers) and code loaded from elsewhere (remote
// imports, importScripts, script elements). test/unit/trust/no-html-injection.test.ts scans
// src/ (allow-list: none); test/package/extension-csp.test.ts scans the built bundles, where only
// the library sites in BUNDLE_ALLOWED may match, each with the reason it is safe.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Rule {
  name: string;
  pattern: RegExp;
}

/** Markup from strings: whatever reaches these is parsed as HTML (and may run script). */
export const HTML_SINKS: Rule[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/g },
  { name: 'outerHTML', pattern: /\bouterHTML\b/g },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/g },
  { name: 'dangerouslySetInnerHTML', pattern: /\bdangerouslySetInnerHTML\b/g },
  { name: 'document.write', pattern: /\bdocument\.write(ln)?\s*\(/g },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/g },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/g },
];

/** Code from strings or from elsewhere: refused by the default extension CSP, and by reviewers. */
export const CODE_SINKS: Rule[] = [
  { name: 'eval', pattern: /(?<![\w$])eval\s*\(/g },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/g },
  { name: 'Function from a string', pattern: /(?<![\w$.])Function\s*\(\s*['"`]/g },
  { name: 'string timer', pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/g },
  { name: 'importScripts', pattern: /\bimportScripts\s*\(/g },
  // A literal package or relative path is bundled; a URL or a computed specifier loads code from elsewhere.
  { name: 'remote or computed import()', pattern: /(?<![\w$.])import\s*\(\s*(?:['"`](?:https?:|\/\/|data:|blob:)|[^'"`)\s])/g },
  { name: 'script element', pattern: /createElement\s*\(\s*['"`]script['"`]/gi },
  { name: 'WebAssembly compilation', pattern: /\bWebAssembly\s*\.\s*(compile|instantiate)/g },
  { name: 'javascript: URL', pattern: /['"`]javascript:/gi },
];

export interface Finding {
  file: string;
  rule: string;
  excerpt: string;
  index: number;
}

export function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, ext);
    return ext.test(entry.name) ? [path] : [];
  });
}

/** Source without its comments (a comment may well say "no innerHTML"); `://` in URLs is kept. */
export const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');

export function scan(root: string, files: string[], rules: Rule[], prepare: (text: string) => string = (t) => t): Finding[] {
  const found: Finding[] = [];
  for (const file of files) {
    const text = prepare(readFileSync(file, 'utf8'));
    for (const rule of rules) {
      for (const m of text.matchAll(rule.pattern)) {
        const at = m.index ?? 0;
        found.push({ file: relative(root, file), rule: rule.name, index: at, excerpt: text.slice(Math.max(0, at - 60), at + 60) });
      }
    }
  }
  return found;
}
