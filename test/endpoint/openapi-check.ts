// A small checker for the subset of JSON Schema (2020-12) that openapi/advocate-v1.json uses,
// so tests can hold the server's real responses against the document without new packages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Schema = Record<string, any>;
export const openapi = JSON.parse(readFileSync(fileURLToPath(new URL('../../openapi/advocate-v1.json', import.meta.url)), 'utf8')) as Schema;

function resolveRef(ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node: any, key) => {
      if (!(key in node)) throw new Error(`dangling $ref ${ref}`);
      return node[key];
    }, openapi);
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** Returns every violation as "path: message"; empty when the value conforms. */
export function check(schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return check(resolveRef(schema.$ref), value, path);
  const errors: string[] = [];
  if ('const' in schema && value !== schema.const) errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: must be one of ${schema.enum.join(', ')}`);
  if (schema.type) {
    const actual = typeOf(value);
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [...errors, `${path}: expected ${types.join('|')}, got ${actual}`];
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !(/^\d{4}-\d\d-\d\dT/.test(value) && Number.isFinite(Date.parse(value)))) errors.push(`${path}: not a date-time`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...check(schema.items, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}: missing required "${key}"`);
    for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) if (key in record) errors.push(...check(sub, record[key], `${path}.${key}`));
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(record)) if (!(key in (schema.properties ?? {}))) errors.push(`${path}: unexpected "${key}"`);
    }
  }
  return errors;
}

/** Finds the document's operation for a concrete path such as /r/abc. */
export function findOperation(method: string, concretePath: string): { template: string; operation: Schema } | null {
  const parts = concretePath.split('/');
  for (const [template, item] of Object.entries<Schema>(openapi.paths)) {
    const tparts = template.split('/');
    if (tparts.length !== parts.length) continue;
    if (!tparts.every((t, i) => (t.startsWith('{') ? parts[i] !== '' : t === parts[i]))) continue;
    const operation = item[method.toLowerCase()];
    if (operation) return { template, operation };
  }
  return null;
}

/** Checks one observed exchange against the document: path, method, status, content type, body, required headers. */
export function checkExchange(method: string, path: string, status: number, contentType: string | null, body: unknown, headers: Headers): string[] {
  const where = `${method} ${path} -> ${status}`;
  if (status === 404 || status === 405) {
    return contentType === 'application/problem+json' ? check({ $ref: '#/components/schemas/Problem' }, body).map((e) => `${where}: ${e}`) : [`${where}: not a problem document`];
  }
  const found = findOperation(method, path);
  if (!found) return [`${where}: the document has no such operation`];
  const response = found.operation.responses?.[String(status)];
  if (!response) return [`${where}: status not documented for ${found.template}`];
  const errors: string[] = [];
  for (const [name, header] of Object.entries<Schema>(response.headers ?? {})) {
    if (header.required && !headers.get(name)) errors.push(`${where}: missing required header ${name}`);
  }
  const content = response.content as Record<string, { schema: Schema }> | undefined;
  if (!content) return errors;
  const type = (contentType ?? '').split(';')[0]!.trim();
  const media = content[type];
  if (!media) return [...errors, `${where}: content type "${type}" not documented (expected ${Object.keys(content).join(', ')})`];
  if (type.includes('json')) errors.push(...check(media.schema, body).map((e) => `${where}: ${e}`));
  return errors;
}
