// CORS only for browser-extension origins, and only on the routes the extension calls.
import type { IncomingMessage, ServerResponse } from 'node:http';

const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36}|safari-web-extension:\/\/[0-9A-Fa-f-]{36})$/;

export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin);
}

/** Adds CORS headers when the request comes from an extension; returns whether it did. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  if (!isExtensionOrigin(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', 'ETag, Retry-After');
  return true;
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse, methods: string[]): boolean {
  if (!applyCors(req, res)) return false;
  res.writeHead(204, {
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': 'Authorization, Content-Type, If-None-Match',
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
