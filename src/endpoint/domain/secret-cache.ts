// Practitioners' referral secrets by practitioner number, held in memory so the redirect
// verifies a code without touching the database. Loaded at start, updated on enrolment.
import type { Kysely } from 'kysely';
import { decodeBase64Url } from '../../core/credential/base64url';
import type { Database } from '../db/schema';

export interface PractitionerSecret {
  practitionerId: string;
  secret: Uint8Array;
}

export class SecretCache {
  private readonly byNumber = new Map<number, PractitionerSecret>();

  async load(db: Kysely<Database>): Promise<void> {
    const rows = await db.selectFrom('practitioners').select(['id', 'number', 'referral_secret']).where('referral_secret', 'is not', null).execute();
    for (const row of rows) this.set(Number(row.number), row.id, row.referral_secret!);
  }

  set(number: number, practitionerId: string, secretBase64Url: string): void {
    const secret = decodeBase64Url(secretBase64Url);
    if (secret) this.byNumber.set(number, { practitionerId, secret });
  }

  get(number: number): PractitionerSecret | undefined {
    return this.byNumber.get(number);
  }
}
