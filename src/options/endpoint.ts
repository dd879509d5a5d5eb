// Checks an enrolment endpoint before anything is asked of the browser or the vendor.

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

export type EndpointCheck = { ok: true; url: string; permissionPattern: string } | { ok: false; reason: 'malformed' | 'insecure' };

/**
 * An https URL, or plain http on this machine (a local reference endpoint). The permission
 * pattern names the host without a port: the manifest's optional host permissions are per host.
 */
export function checkEndpoint(text: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!url.hostname || url.username || url.password) return { ok: false, reason: 'malformed' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return { ok: false, reason: 'insecure' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'malformed' };
  return { ok: true, url: url.href, permissionPattern: `${url.protocol}//${url.hostname}/*` };
}
