// npm run catalog -- check [--all] [--dir DIR] [--today DAY]
// npm run catalog -- print [--keys]
// npm run catalog -- product ID
// For catalog authors: the starter catalog's files, read from disk (so a broken file is reported,
// not a stack trace), reviewed by the same rules the build applies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileCatalog, signalKeys, type Catalog } from '../core/catalog/index';
import { reviewStarter, type Problem, type StarterFile } from '../core/catalog/review';
import { dayInstant } from '../core/catalog/schema';
import { entryValue } from '../core/catalog/signal-keys';

const STARTER_DIR = resolve(import.meta.dirname, '../core/catalog/starter');

const USAGE = `usage:
  npm run catalog -- check [--all]     validate every file of src/core/catalog/starter/; print what is wrong by
                                       file, product and field, and what was checked over a year ago; --all
                                       also lists every claim still marked "unverified"; exit 1 on errors
  npm run catalog -- print [--keys]    the compiled starter catalog as JSON (--keys: the lookup keys instead)
  npm run catalog -- product ID        one product, per vendor, with its signals (keys, roles, legacy) and offers
options: --dir DIR (another folder of vendor files), --today YYYY-MM-DD (the day "over a year ago" counts from)`;

class UsageError extends Error {}

interface Loaded {
  /** Every JSON file of the folder. */
  names: string[];
  files: StarterFile[];
  /** Files that are not JSON, and files on disk the bundle does not import (or the reverse). */
  problems: Problem[];
}

function load(dir: string): Loaded {
  if (!existsSync(dir)) throw new UsageError(`no folder ${dir}`);
  const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const files: StarterFile[] = [];
  const problems: Problem[] = [];
  for (const file of names) {
    try {
      files.push({ file, vendor: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown });
    } catch (e) {
      problems.push({ file, field: '', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  // The bundle imports each file by name in index.ts: a file it does not list would be left out.
  const indexFile = join(dir, 'index.ts');
  if (existsSync(indexFile)) {
    const index = readFileSync(indexFile, 'utf8');
    const listed = new Set([...index.matchAll(/from '\.\/([^']+\.json)'/g)].map((m) => m[1]!));
    for (const file of names) if (!listed.has(file)) problems.push({ file, field: '', message: `not imported by ${indexFile}: add it there, or the extension leaves it out` });
    for (const file of listed) if (!names.includes(file)) problems.push({ file, field: '', message: `imported by ${indexFile} but missing from the folder` });
  }
  return { names, files: orderOf(files, dir), problems };
}

/** Catalog order is the order index.ts lists the files in (later vendors follow), else by name. */
function orderOf(files: StarterFile[], dir: string): StarterFile[] {
  const indexFile = join(dir, 'index.ts');
  if (!existsSync(indexFile)) return files;
  const order = [...readFileSync(indexFile, 'utf8').matchAll(/file: '([^']+\.json)'/g)].map((m) => m[1]!);
  const rank = (f: StarterFile) => (order.includes(f.file) ? order.indexOf(f.file) : order.length);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
}

function today(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const ms = dayInstant(value);
  if (ms === null) throw new UsageError(`--today must be a date such as 2026-12-01, not "${value}"`);
  return new Date(ms);
}

/** Problems grouped by file, then product; vendor-level ones first in each file. */
function printGrouped(title: string, problems: readonly Problem[], out: string[]): void {
  out.push(`\n${title} (${problems.length}):`);
  let file: string | undefined;
  let product: string | undefined | null = null;
  for (const p of problems) {
    if (p.file !== file) {
      out.push(`  ${p.file}`);
      file = p.file;
      product = null;
    }
    if (p.productId !== product) {
      if (p.productId !== undefined) out.push(`    product "${p.productId}"`);
      product = p.productId;
    }
    const indent = p.productId === undefined ? '    ' : '      ';
    out.push(`${indent}${p.field || '(file)'}: ${p.message}`);
  }
}

function check(dir: string, now: Date, all: boolean): number {
  const { names, files, problems } = load(dir);
  const review = reviewStarter(files, now);
  const errors = [...problems, ...review.errors];
  const out = [`catalog check: ${names.length} vendor files in ${dir}`];
  if (errors.length) printGrouped('errors', errors, out);
  else out.push('no errors');
  if (review.stale.length) printGrouped('checked over a year ago: compare with the source again and update "checked"', review.stale, out);
  else out.push(`nothing checked more than a year before ${now.toISOString().slice(0, 10)}`);
  if (review.unverified.length) {
    if (all) printGrouped('unverified: written without comparing with the source; compare, then drop "unverified"', review.unverified, out);
    else {
      const inFiles = new Set(review.unverified.map((p) => p.file)).size;
      out.push(`${review.unverified.length} claims in ${inFiles} files are marked "unverified" (written without comparing with their source): --all lists them`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return errors.length ? 1 : 0;
}

function compiled(dir: string): Catalog {
  const { files, problems } = load(dir);
  const review = reviewStarter(files, new Date());
  if (problems.length || !review.catalog) throw new Error(`the catalog has errors: run npm run catalog -- check`);
  return review.catalog;
}

function print(dir: string, keys: boolean): number {
  const catalog = compiled(dir);
  if (!keys) {
    process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
    return 0;
  }
  const byKey: Record<string, object[]> = {};
  for (const vendor of catalog.vendors) {
    for (const product of vendor.products) {
      for (const { key, role, legacy } of signalKeys(product.signals)) {
        (byKey[key] ??= []).push({ vendorId: vendor.id, productId: product.id, role, ...(legacy === undefined ? {} : { legacy }) });
      }
    }
  }
  process.stdout.write(`${JSON.stringify(byKey, null, 2)}\n`);
  return 0;
}

function product(dir: string, id: string): number {
  const catalog = compiled(dir);
  const offerings = compileCatalog([catalog]).productsById(id);
  if (!offerings.length) {
    const ids = [...new Set(catalog.vendors.flatMap((v) => v.products.map((p) => p.id)))].sort();
    throw new Error(`no product "${id}" in the starter catalog; its products: ${ids.join(', ')}`);
  }
  const result = {
    id,
    offeredBy: offerings.map(({ vendor, product: { signals, offers, ...about } }) => ({
      vendor: { id: vendor.id, name: vendor.name, file: `${vendor.id}.json` },
      ...about,
      signals: signalKeys(signals).map(({ key, role, field, entry, legacy }) => ({
        field,
        value: entryValue(entry),
        key,
        role,
        ...(legacy === undefined ? {} : { legacy }),
        ...(typeof entry === 'string' ? {} : { source: entry.source, checked: entry.checked }),
      })),
      offers,
    })),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { all: { type: 'boolean' }, keys: { type: 'boolean' }, dir: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = values.dir === undefined ? STARTER_DIR : resolve(values.dir);
  const [command, ...rest] = positionals;
  const expect = (n: number) => {
    if (rest.length !== n) throw new UsageError(`"${command}" takes ${n === 0 ? 'no argument' : 'one argument'}`);
  };
  switch (command) {
    case 'check':
      expect(0);
      return check(dir, today(values.today), values.all === true);
    case 'print':
      expect(0);
      return print(dir, values.keys === true);
    case 'product':
      expect(1);
      return product(dir, rest[0]!);
    case undefined:
      throw new UsageError('give a command: check, print or product ID');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(e instanceof UsageError ? `catalog: ${e.message}\n${USAGE}\n` : `catalog: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
