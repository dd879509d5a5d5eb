// The demo sites: a few pages served under their real host names from a local HTTPS server, so
// Advocate's suggestion shows on "GitHub" and "Stack Overflow" without the internet
// (`npm run browser -- --demo`, and the journey test). Chromium resolves those hosts to the
// server and trusts its certificate only, by its public key: every other site keeps the usual
// certificate checks. The pages are the project's fixtures (markup reproducing each site, dated
// at their top); the demo vendor's offer pages are served too, so a followed link lands somewhere.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoCatalog } from '../src/endpoint/domain/demo-catalog';
import { hostResolverRules, startSiteServer, type SiteServer } from '../test/browser/site-server';

const FIXTURES = resolve(import.meta.dirname, '../test/fixtures/pages');

/** The pages a newcomer is sent to, each a catalog product's page on a site Advocate serves. */
export const DEMO_PAGES = {
  github: { url: 'https://github.com/mysql/mysql-server', file: 'github-mysql-server.html', what: 'the MySQL repository on GitHub' },
  stackoverflow: { url: 'https://stackoverflow.com/questions/19267507/why-is-my-innodb-count-slow', file: 'stackoverflow-mysql-question.html', what: 'a Stack Overflow question tagged mysql' },
} as const;

export interface DemoSites {
  server: SiteServer;
  /** Every host the server answers for (the demo pages' and the demo vendor's offer host). */
  hosts: string[];
  /** The Chromium switches that send those hosts to the server and trust its certificate (only it). */
  chromiumArgs: string[];
  close(): Promise<void>;
}

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as `--ignore-certificate-errors-spki-list` wants it. */
export function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}


const offerPage = (name: string, vendor: string, adds: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${name} — ${vendor}</title>` +
  `<h1>${name}</h1><p>${adds}</p><p>This is the demo vendor's offer page, served on this computer for Advocate's demo: a followed referral link lands here.</p></html>`;

export async function startDemoSites(): Promise<DemoSites> {
  const server = await startSiteServer();
  const hosts = new Set<string>();
  for (const page of Object.values(DEMO_PAGES)) {
    const url = new URL(page.url);
    server.page(url.host, url.pathname, readFileSync(resolve(FIXTURES, page.file), 'utf8'));
    hosts.add(url.host);
  }
  // The offer URLs do not depend on where the endpoint is; any address builds the catalog.
  for (const vendor of demoCatalog('http://127.0.0.1').vendors) {
    for (const product of vendor.products) {
      for (const offer of product.offers) {
        const url = new URL(offer.url);
        server.page(url.host, url.pathname, offerPage(offer.name, vendor.name, offer.adds));
        hosts.add(url.host);
      }
    }
  }
  const list = [...hosts];
  return {
    server,
    hosts: list,
    chromiumArgs: [`--host-resolver-rules=${hostResolverRules(list, server.port, { othersFail: false })}`, `--ignore-certificate-errors-spki-list=${spkiHash(server.certificate)}`],
    close: () => server.close(),
  };
}
