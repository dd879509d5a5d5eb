// POST /v1/enrol (one-time code -> token, referral secret, signed credentials) and
// DELETE /v1/enrolment (the practitioner leaves; the token stops working). Enrolling again
// with a fresh code keeps the practitioner's number and referral secret (codes made offline
// before leaving stay valid) and rotates only the access token.
import { randomBytes } from 'node:crypto';
import { EnrolRequestSchema } from '../../core/protocol/vendor';
import type { Deps } from '../context';
import { issueCredentials } from '../domain/credentials';
import { enrolmentCodeHash } from '../domain/practitioners';
import { randomToken, sha256Hex } from '../domain/secrets';
import { readJson } from '../http/body';
import { HttpError, jsonResponse } from '../http/problem';
import type { Routes } from '../http/routes';

const invalidCode = () =>
  new HttpError(401, 'enrolment-code-invalid', 'This enrolment code is not valid: it may be mistyped, already used or expired. Ask the vendor for a new one.');

export const tokenHash = (token: string) => sha256Hex(`token:${token}`);

export function enrolRoutes(routes: Routes, deps: Deps): void {
  routes
    .add('POST', '/v1/enrol', { auth: 'none', cors: true, body: true }, async (c) => {
      const body = await readJson(c, EnrolRequestSchema);
      const hash = enrolmentCodeHash(body.code);
      const now = deps.now();
      const practitioner = await deps.db.selectFrom('practitioners').selectAll().where('enrolment_code_hash', '=', hash).executeTakeFirst();
      if (!practitioner || !practitioner.enrolment_code_expires_at || Date.parse(practitioner.enrolment_code_expires_at) <= now.getTime()) throw invalidCode();

      // Sign first: if signing failed after the code was spent, the practitioner would be stuck.
      const credentials = await issueCredentials(deps, practitioner, deps.settings.publicUrl ?? new URL(c.req.url).origin);
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
