// Web URLs and the one rule for a vendor endpoint's address.
import * as v from 'valibot';
import { LIMITS } from './limits';

/** An http(s) URL, or null: the only kinds of link Advocate shares or records. */
export function parseWebUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export const webUrl = (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.maxLength(LIMITS.url, `${what} is longer than ${LIMITS.url} characters`),
    v.check((s) => parseWebUrl(s) !== null, `${what} must be an http(s) URL`),
  );

export const httpsUrl = (what: string) => v.pipe(webUrl(what), v.check((s) => s.startsWith('https:'), `${what} must be an https URL`));

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type EndpointUrl =
  | { ok: true; base: string; origin: string; permissionPattern: string }
  | { ok: false; reason: EndpointRefusal };

export type EndpointRefusal = 'malformed' | 'insecure' | 'credentials' | 'query';

/** The message (public/_locales) that tells the practitioner what to fix: the options page and the worker say the same. */
export const ENDPOINT_REFUSAL_MESSAGE: Readonly<Record<EndpointRefusal, string>> = {
  malformed: 'enrolUrlMalformed',
  insecure: 'enrolUrlInsecure',
  credentials: 'enrolUrlCredentials',
  query: 'enrolUrlQuery',
};

/**
 * A vendor endpoint as a person types it → its base URL (no trailing slash, no `/v1`): https,
 * or plain http on this machine for a local reference endpoint. The permission pattern names the
 * host without a port, as host permissions do.
 */
export function parseEndpointUrl(text: string): EndpointUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, reason: 'insecure' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  if (url.search || url.hash) return { ok: false, reason: 'query' };
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '');
  return { ok: true, base: `${url.origin}${path}`, origin: url.origin, permissionPattern: `${url.protocol}//${url.hostname}/*` };
}
