// A local HTTPS server that answers for real host names (github.com, stackoverflow.com…):
// Chromium maps those hosts to it, so content scripts run under their real match patterns.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', '/CN=advocate-test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SiteServer {
  port: number;
  /** The server's self-signed certificate (PEM), for a browser told to trust only it. */
  certificate: string;
  /** Serve `html` at https://host/path. */
  page(host: string, path: string, html: string): void;
  close(): Promise<void>;
}

export async function startSiteServer(): Promise<SiteServer> {
  const pages = new Map<string, string>();
  const tls = selfSignedCertificate();
  const server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const html = pages.get(`${host}${path}`);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    certificate: tls.cert,
    page: (host, path, html) => void pages.set(`${host}${path}`, html),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * Chromium's `--host-resolver-rules` value that sends `hosts` to the local server on `port`. With
 * `othersFail`, every other name fails at once (loopback excepted): saved pages name CDNs and
 * trackers, and a lookup this machine's resolver cannot answer holds a page's load event for
 * seconds, and no test or bench has any business reaching another machine.
 */
export function hostResolverRules(hosts: readonly string[], port: number, { othersFail }: { othersFail: boolean }): string {
  const rules = hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`);
  if (othersFail) rules.push('MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1');
  return rules.join(', ');
}

/** A saved Stack Exchange question with `tag` as its title's leading tag: the same markup, titled as a question about something else. */
export function withTitleTag(html: string, tag: string): string {
  return html.replace(/<title>[^<]*? - /, `<title>${tag} - `);
}
