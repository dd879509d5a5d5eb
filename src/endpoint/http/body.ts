// Reads a request body with a hard size limit, and parses JSON with a clear error.
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { issuesToFieldErrors } from '../../core/protocol/problem';
import { HttpError } from './problem';

export const MAX_BODY_BYTES = 256 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number) => new HttpError(413, 'payload-too-large', `The request body is larger than ${limit / 1024} KiB; send fewer items per request.`);

export function parseJson(raw: Buffer, req: IncomingMessage): unknown {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported-media-type', `Send the body as application/json (got "${type || 'no content type'}").`);
  }
  if (raw.length === 0) throw new HttpError(400, 'malformed-json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates a parsed body; a failure becomes a 400 listing every field that is wrong. */
export function validate<T extends v.GenericSchema>(schema: T, value: unknown, what = 'request body'): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const errors = issuesToFieldErrors(result.issues);
  const first = errors[0]!;
  throw new HttpError(400, 'invalid-request', `The ${what} is invalid: ${first.path ? `${first.path} ` : ''}${first.message}.`, errors);
}

export async function readJson<T extends v.GenericSchema>(req: IncomingMessage, schema: T): Promise<v.InferOutput<T>> {
  return validate(schema, parseJson(await readBody(req), req));
}
