// `npm run lint:ext`: Firefox's add-on linter (web-ext lint, the checks addons.mozilla.org runs)
// on both builds. Errors fail; warnings are printed.
//   tsx scripts/lint-extension.ts [DIR…]   (default: dist dist-firefox)
import { resolve } from 'node:path';
import webExt, { type LintMessage, type LintResult } from 'web-ext';

export async function lintExtension(sourceDir: string): Promise<LintResult> {
  // output 'none': we print ourselves; shouldExitProgram false: a library call, not the CLI.
  return webExt.cmd.lint({ sourceDir: resolve(sourceDir), output: 'none' }, { shouldExitProgram: false });
}

export const describeMessage = (m: LintMessage) => `${m.code}${m.file ? ` in ${m.file}` : ''}: ${m.message}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist', 'dist-firefox'];
  let errors = 0;
  for (const dir of dirs) {
    const result = await lintExtension(dir);
    console.log(`${dir}: ${result.summary.errors} errors, ${result.summary.warnings} warnings, ${result.summary.notices} notices`);
    for (const m of result.errors) console.log(`  error   ${describeMessage(m)}`);
    for (const m of result.warnings) console.log(`  warning ${describeMessage(m)}`);
    errors += result.summary.errors;
  }
  process.exitCode = errors > 0 ? 1 : 0;
}
