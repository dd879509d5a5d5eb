// Bounds on a credential before anything recursive touches it: a hostile file or vendor answer
// may be huge or nested a million deep, and canonicalisation (recursive) must never see that.
// The walk below keeps its own stack, so measuring cannot overflow the call stack either.

export const CREDENTIAL_LIMITS = {
  /** UTF-16 code units of all strings and keys together: an Open Badge with an embedded image fits. */
  chars: 1_048_576,
  /** Open Badges nest about 6 deep (credential › subject › achievement › criteria); endorsements add a few. */
  depth: 32,
  /** Objects, arrays and values counted together. */
  nodes: 50_000,
} as const;

export type Limits = { readonly [K in keyof typeof CREDENTIAL_LIMITS]: number };

/** Null when `value` is within the limits, else the reason it is not. Never throws on plain JSON data. */
export function exceedsLimits(value: unknown, limits: Limits = CREDENTIAL_LIMITS): string | null {
  const stack: [unknown, number][] = [[value, 1]];
  let chars = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++nodes > limits.nodes) return `The credential has more than ${limits.nodes.toLocaleString('en')} values`;
    if (typeof item === 'string') chars += item.length;
    if (chars > limits.chars) return `The credential is larger than ${limits.chars.toLocaleString('en')} characters`;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limits.depth) return `The credential is nested deeper than ${limits.depth} levels`;
    const size = Array.isArray(item) ? item.length : Object.keys(item).length;
    if (nodes + stack.length + size > limits.nodes) return `The credential has more than ${limits.nodes.toLocaleString('en')} values`;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], depth + 1]);
      continue;
    }
    for (const key of Object.keys(item)) {
      chars += key.length;
      stack.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

/** JSON text → value, refusing oversized text before parsing; any JSON.parse failure (a deep stack included) is a reason, not a throw. */
export function parseJsonBounded(text: string, limits: Limits = CREDENTIAL_LIMITS): { ok: true; value: unknown } | { ok: false; code: 'too-large' | 'malformed'; reason: string } {
  // Structure and whitespace add to the strings; four times the string budget is ample.
  if (text.length > limits.chars * 4) return { ok: false, code: 'too-large', reason: `The text is longer than ${(limits.chars * 4).toLocaleString('en')} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'malformed', reason: `Not JSON: ${(error as Error).message}` };
  }
  const over = exceedsLimits(value, limits);
  return over ? { ok: false, code: 'too-large', reason: over } : { ok: true, value };
}
