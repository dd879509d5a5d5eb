// npm run credential -- verify FILE [--key KEY] [--status FILE]...   one JSON object; exit 0 only when valid
// npm run credential -- show FILE [--key KEY] [--status FILE]...     the same, for a person
// Offline: did:key is resolved here, a did:web or vendor key is given with --key, status lists as files.
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CREDENTIAL_LIMITS,
  KeyFormatError,
  checkCredential,
  parseJsonBounded,
  parseKeyInput,
  refusal,
  type KeyInput,
  type SuppliedKey,
  type VerifyResult,
} from '../core/credential/index';
import { parseInstant } from '../core/schema/time';

const USAGE = `usage:
  npm run credential -- verify FILE [options]   print {valid, issuer, subject, achievement, validUntil, revoked?, reason?, suite};
                                                exit 0 only when the credential is valid
  npm run credential -- show FILE [options]     the same, written for a person
options:
  --key KEY        the issuer's key: did:key:z6Mk…, a Multikey z6Mk…, or a file with an Ed25519 JWK or a DID
                   document (needed for did:web and vendor keys; for did:key it must match)
  --status FILE    the status list credential the credential's credentialStatus names (repeatable)
  --now TIME       check validity at TIME (ISO 8601) instead of now`;

class UsageError extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
}

const MAX_FILE_BYTES = CREDENTIAL_LIMITS.chars * 4;

/** A file's JSON, bounded before it is read; a reason instead when it cannot be had. */
function readJsonFile(path: string): ReturnType<typeof parseJsonBounded> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) return { ok: false, code: 'too-large', reason: `The file is larger than ${MAX_FILE_BYTES.toLocaleString('en')} bytes` };
  return parseJsonBounded(readFileSync(path, 'utf8'));
}

/** The --key value as the verifier takes it; a usage error when it is no Ed25519 key at all. */
function suppliedKey(value: string): SuppliedKey {
  try {
    return parseKeyInput(keyInput(value));
  } catch (error) {
    if (error instanceof KeyFormatError) throw new UsageError(`--key: ${error.message}`);
    throw error;
  }
}

function keyInput(value: string): KeyInput {
  let isFile = false;
  try {
    isFile = statSync(value).isFile();
  } catch {
    // not a path: a did:key, Multikey or JSON text
  }
  if (!isFile && !value.trim().startsWith('{')) return value;
  const parsed = isFile ? readJsonFile(value) : parseJsonBounded(value);
  if (!parsed.ok) throw new UsageError(`--key ${value}: ${parsed.reason}`);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) throw new UsageError(`--key ${value}: expected a JSON object`);
  return parsed.value;
}

/** The one JSON object `verify` prints. */
export function summary(result: VerifyResult): Record<string, unknown> {
  return {
    valid: result.valid,
    issuer: result.issuer,
    subject: result.subject,
    achievement: result.achievement,
    validUntil: result.validUntil,
    ...(result.revoked === undefined ? {} : { revoked: result.revoked }),
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    suite: result.suite,
  };
}

const day = (iso: string | null) => (iso === null ? null : new Date(parseInstant(iso) ?? Number.NaN).toISOString().slice(0, 10));
const named = (party: { id?: string; name?: string } | null) =>
  party === null ? '—' : party.name && party.id ? `${party.name} (${party.id})` : (party.name ?? party.id ?? '—');

/** What `show` prints. */
export function describe(result: VerifyResult): string {
  const lines = [result.valid ? `VALID — ${result.suite}` : `NOT VALID — ${result.reason}`];
  const row = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`  ${label.padEnd(12)}${value}`);
  };
  if (result.issuer) {
    row('Achievement', result.achievement?.name);
    row('', result.achievement?.description);
    row('Criteria', result.achievement?.criteria);
    row('Holder', named(result.subject));
    row('Issuer', named(result.issuer));
    row('Valid', `${day(result.validFrom) ?? 'from issue'} to ${day(result.validUntil) ?? 'no expiry'}`);
    row('Status', result.revoked === undefined ? 'not checked' : result.revoked ? 'revoked' : 'not revoked');
  }
  if (result.valid && result.reason) row('Note', result.reason);
  row('Signed by', result.verificationMethod);
  if (!result.valid) row('Suite', result.suite);
  return lines.join('\n');
}

export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`credential: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let result: VerifyResult;
  try {
    result = await verifyFile(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`credential: ${error.message}\n`);
    return 2;
  }
  io.out(parsed.command === 'show' ? `${describe(result)}\n` : `${JSON.stringify(summary(result))}\n`);
  return result.valid ? 0 : 1;

  async function verifyFile(p: Parsed): Promise<VerifyResult> {
    const now = p.now === undefined ? io.now() : new Date(parseInstant(p.now) ?? Number.NaN);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${p.now}: not an ISO 8601 date-time with a time zone`);
    const key = p.key === undefined ? undefined : suppliedKey(p.key);
    const statusLists = p.status.map((file) => {
      const list = readJsonFile(file);
      if (!list.ok) throw new UsageError(`--status ${file}: ${list.reason}`);
      return list.value;
    });
    const credential = readJsonFile(p.file);
    if (!credential.ok) return refusal(credential.code, credential.reason);
    return checkCredential(credential.value, { now, ...(key === undefined ? {} : { key }), statusLists });
  }
}

interface Parsed {
  help?: boolean;
  command: 'verify' | 'show';
  file: string;
  key?: string;
  status: string[];
  now?: string;
}

function parse(argv: string[]): Parsed & { help?: boolean } {
  let values: { key?: string; status?: string[]; now?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { key: { type: 'string' }, status: { type: 'string', multiple: true }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true, command: 'verify', file: '', status: [] };
  const [command, file, ...rest] = positionals;
  if (command !== 'verify' && command !== 'show') throw new UsageError(command ? `unknown command "${command}"` : 'give a command: verify or show');
  if (!file) throw new UsageError(`${command} needs a FILE`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  return { command, file, status: values.status ?? [], ...(values.key === undefined ? {} : { key: values.key }), ...(values.now === undefined ? {} : { now: values.now }) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), now: () => new Date() }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`credential: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
