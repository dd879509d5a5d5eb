// Creating practitioners and their certifications (admin route and first-start seed share it),
// and the one-time enrolment codes that let them enrol, or enrol again.
import type { Kysely } from 'kysely';
import { randomInt, randomUUID } from 'node:crypto';
import type { AchievementLevel } from '../../core/credential/schema';
import type { Database } from '../db/schema';
import { HttpError } from '../http/problem';
import { newEnrolmentCode, normaliseEnrolmentCode, sha256Hex } from './secrets';

export const ENROLMENT_CODE_DAYS = 30;

export interface NewPractitioner {
  displayName: string;
  email: string;
  certifications?: { productId: string; level: AchievementLevel; validUntil?: string | undefined }[] | undefined;
}

export interface CreatedPractitioner {
  practitioner: { id: string; number: number; displayName: string; email: string };
  enrolmentCode: string;
}

export const enrolmentCodeHash = (code: string) => sha256Hex(`enrol:${normaliseEnrolmentCode(code)}`);

const isUnique = (error: unknown, column: string) => /unique|duplicate/i.test((error as Error).message) && new RegExp(column, 'i').test((error as Error).message);

export async function createPractitioner(db: Kysely<Database>, input: NewPractitioner, now: Date): Promise<CreatedPractitioner> {
  const id = randomUUID();
  const enrolmentCode = newEnrolmentCode();
  const nowIso = now.toISOString();
  for (const cert of input.certifications ?? []) {
    if (cert.validUntil !== undefined && Date.parse(cert.validUntil) <= now.getTime()) {
      throw new HttpError(400, 'invalid-request', `certifications: validUntil ${cert.validUntil} is not in the future; a certification cannot be issued already expired.`, [{ path: 'certifications', message: 'validUntil must be in the future' }]);
    }
  }
  const taken = await db.selectFrom('practitioners').select('id').where('email', '=', input.email).executeTakeFirst();
  if (taken) throw new HttpError(409, 'email-taken', `A practitioner with the e-mail ${input.email} already exists (${taken.id}); issue them a new enrolment code instead.`);
  // The number appears in referral codes; random rather than sequential so codes do not reveal
  // how many practitioners a vendor has. A clash hits the unique constraint and we draw again.
  for (let attempt = 0; ; attempt++) {
    const number = randomInt(1, 2 ** 32 - 1);
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('practitioners')
          .values({
            id,
            number,
            display_name: input.displayName,
            email: input.email,
            created_at: nowIso,
            enrolment_code_hash: enrolmentCodeHash(enrolmentCode),
            enrolment_code_expires_at: new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000).toISOString(),
            token_hash: null,
            referral_secret: null,
            enrolled_at: null,
            left_at: null,
          })
          .execute();
        for (const cert of input.certifications ?? []) {
          await trx
            .insertInto('certifications')
            .values({
              id: `urn:uuid:${randomUUID()}`,
              practitioner_id: id,
              product_id: cert.productId,
              level: cert.level,
              valid_from: nowIso,
              valid_until: cert.validUntil ?? new Date(now.getTime() + 2 * 365 * 86_400_000).toISOString(),
              revoked_at: null,
            })
            .execute();
        }
      });
      return { practitioner: { id, number, displayName: input.displayName, email: input.email }, enrolmentCode };
    } catch (error) {
      if (isUnique(error, 'email')) throw new HttpError(409, 'email-taken', `A practitioner with the e-mail ${input.email} already exists.`);
      if (attempt < 3 && isUnique(error, 'number')) continue;
      throw error;
    }
  }
}

/**
 * A fresh one-time enrolment code for a practitioner, enrolled or not (a new browser, or coming
 * back after leaving). Using it rotates the access token; number and referral secret stay.
 */
export async function issueEnrolmentCode(db: Kysely<Database>, practitionerId: string, now: Date): Promise<{ code: string; expiresAt: string } | null> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000).toISOString();
  const result = await db.updateTable('practitioners').set({ enrolment_code_hash: enrolmentCodeHash(code), enrolment_code_expires_at: expiresAt }).where('id', '=', practitionerId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { code, expiresAt } : null;
}

/** The seed's demo practitioner gets a new code on each start until they have enrolled. */
export async function reissueUnusedEnrolmentCode(db: Kysely<Database>, practitionerId: string, now: Date): Promise<string | null> {
  const row = await db.selectFrom('practitioners').select('enrolled_at').where('id', '=', practitionerId).executeTakeFirst();
  if (!row || row.enrolled_at !== null) return null;
  return (await issueEnrolmentCode(db, practitionerId, now))?.code ?? null;
}
