// POST /v1/enrol (one-time code -> token, referral secret, signed credentials) and
// DELETE /v1/enrolment (the practitioner leaves; the token stops working). Enrolling again
// with a fresh code keeps the practitioner's number and referral secret (codes made offline
// before leaving stay valid) and rotates only the access token.
import { randomBytes } from 'node:crypto';
import { newCertificationCredential } from '../../core/credential/build';
import type { AchievementLevel } from '../../core/credential/schema';
import { signCredential } from '../../core/credential/sign';
import { EnrolRequestSchema } from '../../core/protocol/vendor';
import type { Deps } from '../context';
import { enrolmentCodeHash } from '../domain/practitioners';
import { randomToken, sha256Hex } from '../domain/secrets';
import { readJson } from '../http/body';
import { HttpError, jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

const invalidCode = () =>
  new HttpError(401, 'enrolment-code-invalid', 'This enrolment code is not valid: it may be mistyped, already used or expired. Ask the vendor for a new one.');

export const tokenHash = (token: string) => sha256Hex(`token:${token}`);

async function signedCredentials(deps: Deps, practitioner: { id: string; display_name: string }) {
  const certs = await deps.db.selectFrom('certifications').selectAll().where('practitioner_id', '=', practitioner.id).where('revoked_at', 'is', null).orderBy('id').execute();
  const vendor = deps.catalog.vendors[0]!;
  const created = deps.now();
  return Promise.all(
    certs.map((cert) => {
      const product = deps.products.get(cert.product_id)?.product;
      const level = cert.level as AchievementLevel;
      const unsigned = newCertificationCredential({
        id: cert.id,
        issuer: { id: vendor.id, name: vendor.name },
        subject: { practitionerId: practitioner.id, name: practitioner.display_name },
        achievement: { vendorId: vendor.id, productId: cert.product_id, level, name: `Certified ${product?.name ?? cert.product_id} ${level[0]!.toUpperCase()}${level.slice(1)}` },
        validFrom: cert.valid_from,
        ...(cert.valid_until ? { validUntil: cert.valid_until } : {}),
      });
      return signCredential(unsigned, deps.signingKey, { verificationMethod: `${vendor.id}#${deps.keyId}`, created });
    }),
  );
}

export function enrolRoutes(routes: Routes, deps: Deps): void {
  routes
    .add('POST', '/v1/enrol', { auth: 'none', cors: true, body: true }, async (c) => {
      const body = await readJson(c, EnrolRequestSchema);
      const hash = enrolmentCodeHash(body.code);
      const now = deps.now();
      const practitioner = await deps.db.selectFrom('practitioners').selectAll().where('enrolment_code_hash', '=', hash).executeTakeFirst();
      if (!practitioner || !practitioner.enrolment_code_expires_at || Date.parse(practitioner.enrolment_code_expires_at) <= now.getTime()) throw invalidCode();

      // Sign first: if signing failed after the code was spent, the practitioner would be stuck.
      const credentials = await signedCredentials(deps, practitioner);
      const accessToken = randomToken('adv_');
      const referralSecret = practitioner.referral_secret ? deps.box.open(practitioner.referral_secret) : randomBytes(32).toString('base64url');
      const updated = await deps.db
        .updateTable('practitioners')
        .set({ token_hash: tokenHash(accessToken), referral_secret: deps.box.seal(referralSecret), enrolled_at: now.toISOString(), enrolment_code_hash: null, enrolment_code_expires_at: null, left_at: null })
        .where('id', '=', practitioner.id)
        .where('enrolment_code_hash', '=', hash)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw invalidCode(); // spent by a concurrent request
      deps.secrets.set(Number(practitioner.number), practitioner.id, referralSecret);

      return jsonResponse({
        practitioner: { id: practitioner.id, number: Number(practitioner.number), displayName: practitioner.display_name, email: practitioner.email },
        vendor: deps.vendorInfo,
        accessToken,
        referralSecret,
        credentials,
      });
    })
    .add('DELETE', '/v1/enrolment', { auth: 'practitioner', cors: true }, async (c) => {
      await deps.db.updateTable('practitioners').set({ token_hash: null, left_at: deps.now().toISOString() }).where('id', '=', c.get('practitioner').id).execute();
      return c.body(null, 204);
    });
}
