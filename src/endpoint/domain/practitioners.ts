// Creating practitioners and their certifications (admin route and first-start seed share it).
import type { Kysely } from 'kysely';
import { randomInt, randomUUID } from 'node:crypto';
import type { AchievementLevel } from '../../core/credential/schema';
import type { Database } from '../db/schema';
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

export async function createPractitioner(db: Kysely<Database>, input: NewPractitioner, now: Date): Promise<CreatedPractitioner> {
  const id = randomUUID();
  const enrolmentCode = newEnrolmentCode();
  const nowIso = now.toISOString();
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
      if (attempt < 3 && /unique|duplicate/i.test((error as Error).message) && /number/i.test((error as Error).message)) continue;
      throw error;
    }
  }
}

/** Issues a fresh enrolment code for a practitioner who has not enrolled yet. */
export async function reissueEnrolmentCode(db: Kysely<Database>, practitionerId: string, now: Date): Promise<string | null> {
  const code = newEnrolmentCode();
  const result = await db
    .updateTable('practitioners')
    .set({
      enrolment_code_hash: enrolmentCodeHash(code),
      enrolment_code_expires_at: new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000).toISOString(),
    })
    .where('id', '=', practitionerId)
    .where('enrolled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? code : null;
}
