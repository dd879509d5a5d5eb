// Who is asking, for rate limits: the socket's address (a proxy's X-Forwarded-For only when the
// operator says a proxy is in front). IPv6 clients get a whole /64 each, so one host cannot
// dodge its limit by walking its own subnet.
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

export function socketAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? '';
}

/** The address the nearest proxy saw (the last X-Forwarded-For entry), when it is an IP address. */
export function forwardedAddress(header: string | undefined): string | null {
  const last = header?.split(',').pop()?.trim();
  return last && ipaddr.isValid(last) ? last : null;
}

export function clientAddress(c: Context, trustProxy: boolean): string {
  return (trustProxy ? forwardedAddress(c.req.header('x-forwarded-for')) : null) ?? socketAddress(c);
}

/** The rate-limit key of an address: IPv4 as is, IPv6 by its /64 (IPv4-mapped IPv6 as IPv4). */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return `other:${address}`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
