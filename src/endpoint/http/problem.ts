// Writes RFC 9457 problem details and JSON bodies.
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problem, type FieldError } from '../../core/protocol/problem';

/** Thrown by handlers and helpers; the server turns it into a problem response. */
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

export function sendProblem(res: ServerResponse, status: number, slug: string, detail: string, errors?: FieldError[], headers: Record<string, string> = {}): void {
  const body = JSON.stringify(problem(status, slug, detail, errors));
  res.writeHead(status, { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'cache-control': 'no-store', ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
