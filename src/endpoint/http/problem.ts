// RFC 9457 problem details: handlers throw HttpError, the app's one onError writes the document.
import { PROBLEM_CONTENT_TYPE, problem, type FieldError } from '../../core/protocol/problem';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function problemResponse(status: number, slug: string, detail: string, errors?: FieldError[], headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem(status, slug, detail, errors)), {
    status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}

export function jsonResponse(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'cache-control': 'no-store', ...headers, 'content-type': 'application/json; charset=utf-8' } });
}

export const unauthorized = (detail: string) => new HttpError(401, 'unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });

export const rateLimited = (seconds: number, what: string) =>
  new HttpError(429, 'rate-limited', `Too many requests ${what}; retry after ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
