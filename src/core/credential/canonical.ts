// JSON canonicalisation per RFC 8785 (JCS): the exact bytes a credential signature covers.
// Object keys sorted by UTF-16 code units, numbers as ECMAScript prints them, strings escaped
// as JSON.stringify does (which is what JCS prescribes), no whitespace. Anything that is not
// plain JSON data is refused rather than dropped, so what is signed is what was meant.

export class CanonicalJsonError extends Error {
  constructor(
    message: string,
    /** Where the offending value sits, e.g. `$.credentialSubject.name`. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialiseString(s: string, path: string): string {
  // I-JSON (RFC 7493), which JCS builds on, forbids unpaired surrogates.
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError(`${path}: string contains an unpaired UTF-16 surrogate`, path);
  return JSON.stringify(s);
}

function serialiseNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError(`${path}: ${n} is not a JSON number`, path);
  // ECMAScript Number-to-String is JCS's number format; JSON.stringify prints -0 as 0, as JCS wants.
  return JSON.stringify(n);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  return `a ${typeof value}`;
}

// Far beyond any credential (checkCredential bounds input at 32 levels first); keeps a direct
// caller's hostile input from overflowing the stack.
const MAX_DEPTH = 500;

function serialise(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null';
  if (open.size >= MAX_DEPTH) throw new CanonicalJsonError(`${path.slice(0, 60)}…: nested deeper than ${MAX_DEPTH} levels`, path.slice(0, 200));
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serialiseNumber(value, path);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: ${describe(value)} is not a JSON value`, path);
  }
  const obj = value as object;
  if (open.has(obj)) throw new CanonicalJsonError(`${path}: circular reference`, path);
  open.add(obj);
  try {
    if (Array.isArray(obj)) {
      const parts: string[] = [];
      for (let i = 0; i < obj.length; i++) {
        // Holes and undefined would become null under JSON.stringify; refuse them instead.
        if (!(i in obj)) throw new CanonicalJsonError(`${path}[${i}]: sparse array hole is not a JSON value`, `${path}[${i}]`);
        parts.push(serialise(obj[i], `${path}[${i}]`, open));
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(obj)) throw new CanonicalJsonError(`${path}: ${describe(obj)} is not a JSON value`, path);
    if (Object.getOwnPropertySymbols(obj).length > 0) {
      throw new CanonicalJsonError(`${path}: symbol keys are not JSON`, path);
    }
    // Default sort compares UTF-16 code units, which is exactly JCS's ordering.
    const keys = Object.keys(obj).sort();
    const parts = keys.map((key) => {
      const childPath = `${path}.${key}`;
      return `${serialiseString(key, childPath)}:${serialise((obj as Record<string, unknown>)[key], childPath, open)}`;
    });
    return `{${parts.join(',')}}`;
  } finally {
    open.delete(obj);
  }
}

/** The RFC 8785 canonical form of `value`. Throws CanonicalJsonError on anything that is not JSON data. */
export function canonicalize(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** UTF-8 bytes of the canonical form: what gets signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}
