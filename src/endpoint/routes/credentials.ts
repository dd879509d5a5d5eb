// What any Open Badges verifier fetches, public and readable from any origin (nothing here is
// sent with credentials): the DID document (did:web), the signed revocation status list, and
// each issued credential at its id (a random urn:uuid only its holder and the vendor know).
import type { Deps } from '../context';
import { STATUS_LIST_PATH, issuedCredential, issuerDidDocument, statusList } from '../domain/credentials';
import { jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

const ANY_ORIGIN = { 'access-control-allow-origin': '*' };

export function credentialRoutes(routes: Routes, deps: Deps): void {
  const path = deps.issuer.didDocumentPath;
  if (path) {
    const body = JSON.stringify(issuerDidDocument(deps.issuer));
    routes.add('GET', path, { auth: 'none' }, (c) => c.body(body, 200, { ...ANY_ORIGIN, 'content-type': 'application/did+json', 'cache-control': 'public, max-age=300' }));
  }
  routes
    .add('GET', STATUS_LIST_PATH, { auth: 'none', cors: true }, async (c) => {
      const url = `${deps.settings.publicUrl ?? new URL(c.req.url).origin}${STATUS_LIST_PATH}`;
      return jsonResponse(await statusList(deps, url), 200, { ...ANY_ORIGIN, 'cache-control': 'public, max-age=60' });
    })
    // Registered after /v1/credentials/status and the list, which take their own paths.
    .add('GET', '/v1/credentials/:id', { auth: 'none' }, async (c) =>
      jsonResponse(await issuedCredential(deps.db, c.req.param('id')!), 200, { ...ANY_ORIGIN, 'cache-control': 'public, max-age=60' }),
    );
}
