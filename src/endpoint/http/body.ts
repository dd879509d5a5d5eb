// Request bodies: a hard size limit (hono's bodyLimit), JSON only, and validation that names
// every wrong field.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { issuesToFieldErrors } from '../../core/protocol/problem';
import { HttpError } from './problem';

export const MAX_BODY_BYTES = 256 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpError(413, 'payload-too-large', `The request body is larger than ${maxSize / 1024} KiB; send fewer items per request.`, undefined, { connection: 'close' });
    },
  });

export async function rawBody(c: Context): Promise<string> {
  return c.req.text();
}

export function parseJson(raw: string, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported-media-type', `Send the body as application/json (got "${type || 'no content type'}").`);
  }
  if (raw.length === 0) throw new HttpError(400, 'malformed-json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(raw);
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

export async function readJson<T extends v.GenericSchema>(c: Context, schema: T): Promise<v.InferOutput<T>> {
  return validate(schema, parseJson(await rawBody(c), c.req.header('content-type')));
}
