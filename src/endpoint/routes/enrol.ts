// POST /v1/enrol (one-time code -> token, referral secret, signed credentials) and
// DELETE /v1/enrolment (the practitioner leaves; the token stops working).
import { randomBytes } from 'node:crypto';
import { newCertificationCredential } from '../../core/credential/build';
import type { AchievementLevel } from '../../core/credential/schema';
import { signCredential } from '../../core/credential/sign';
import { EnrolRequestSchema } from '../../core/protocol/vendor';
import type { App } from '../app';
import { enrolmentCodeHash } from '../domain/practitioners';
import { randomToken, sha256Hex } from '../domain/secrets';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/problem';
import type { AppRoute } from './types';

const invalidCode = () =>
  new HttpError(401, 'enrolment-code-invalid', 'This enrolment code is not valid: it may be mistyped, already used or expired. Ask the vendor for a new one.');

export const tokenHash = (token: string) => sha256Hex(`token:${token}`);

async function signedCredentials(app: App, practitioner: { id: string; display_name: string }) {
  const certs = await app.db.selectFrom('certifications').selectAll().where('practitioner_id', '=', practitioner.id).where('revoked_at', 'is', null).orderBy('id').execute();
  const vendor = app.catalog.vendors[0]!;
  const created = app.now();
  return Promise.all(
    certs.map((cert) => {
      const product = app.products.get(cert.product_id)?.product;
      const level = cert.level as AchievementLevel;
      const unsigned = newCertificationCredential({
        id: cert.id,
        issuer: { id: vendor.id, name: vendor.name },
        subject: { practitionerId: practitioner.id, name: practitioner.display_name },
        achievement: { vendorId: vendor.id, productId: cert.product_id, level, name: `Certified ${product?.name ?? cert.product_id} ${level[0]!.toUpperCase()}${level.slice(1)}` },
        validFrom: cert.valid_from,
        ...(cert.valid_until ? { validUntil: cert.valid_until } : {}),
      });
      return signCredential(unsigned, app.state.signingKey, { verificationMethod: `${vendor.id}#${app.state.identity.keyId}`, created });
    }),
  );
}

export const enrolRoutes: AppRoute[] = [
  {
    method: 'POST',
    path: '/v1/enrol',
    auth: 'none',
    cors: true,
    handle: async ({ req, res, app }) => {
      const body = await readJson(req, EnrolRequestSchema);
      const hash = enrolmentCodeHash(body.code);
      const now = app.now();
      const practitioner = await app.db.selectFrom('practitioners').selectAll().where('enrolment_code_hash', '=', hash).where('enrolled_at', 'is', null).executeTakeFirst();
      if (!practitioner || !practitioner.enrolment_code_expires_at || Date.parse(practitioner.enrolment_code_expires_at) <= now.getTime()) throw invalidCode();

      // Sign first: if signing failed after the code was spent, the practitioner would be stuck.
      const credentials = await signedCredentials(app, practitioner);
      const accessToken = randomToken('adv_');
      const referralSecret = randomBytes(32).toString('base64url');
      const updated = await app.db
        .updateTable('practitioners')
        .set({ token_hash: tokenHash(accessToken), referral_secret: referralSecret, enrolled_at: now.toISOString(), enrolment_code_hash: null, enrolment_code_expires_at: null, left_at: null })
        .where('id', '=', practitioner.id)
        .where('enrolment_code_hash', '=', hash)
        .where('enrolled_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw invalidCode(); // spent by a concurrent request
      app.secrets.set(Number(practitioner.number), practitioner.id, referralSecret);

      sendJson(res, 200, {
        practitioner: { id: practitioner.id, number: Number(practitioner.number), displayName: practitioner.display_name, email: practitioner.email },
        vendor: app.vendorInfo,
        accessToken,
        referralSecret,
        credentials,
      });
    },
  },
  {
    method: 'DELETE',
    path: '/v1/enrolment',
    auth: 'practitioner',
    cors: true,
    handle: async ({ res, app, practitionerId }) => {
      await app.db.updateTable('practitioners').set({ token_hash: null, left_at: app.now().toISOString() }).where('id', '=', practitionerId).execute();
      res.writeHead(204);
      res.end();
    },
  },
];
