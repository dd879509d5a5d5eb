// Practitioners' referral secrets by practitioner number, held in memory (opened once) so the
// redirect verifies a code without touching the database. Loaded at start, updated on enrolment.
import type { Kysely } from 'kysely';
import { decodeBase64Url } from '../../core/credential/base64url';
import type { Database } from '../db/schema';
import type { SecretBox } from './at-rest';

export interface PractitionerSecret {
  practitionerId: string;
  secret: Uint8Array;
}

export class SecretCache {
  private readonly byNumber = new Map<number, PractitionerSecret>();

  constructor(private readonly box: SecretBox) {}

  async load(db: Kysely<Database>): Promise<void> {
    const rows = await db.selectFrom('practitioners').select(['id', 'number', 'referral_secret']).where('referral_secret', 'is not', null).execute();
    for (const row of rows) this.set(Number(row.number), row.id, this.box.open(row.referral_secret!));
  }

  set(number: number, practitionerId: string, secretBase64Url: string): void {
    const secret = decodeBase64Url(secretBase64Url);
    if (secret) this.byNumber.set(number, { practitionerId, secret });
  }

  get(number: number): PractitionerSecret | undefined {
    return this.byNumber.get(number);
  }
}

/**
 * Verifies referral codes against the owner's secret, remembering recent answers: a link shared
 * on a busy forum is clicked many times, and a MAC check per click is the redirect's main cost.
 * A practitioner's secret never changes (it is kept across re-enrolment), so a cached answer stays true.
 */
export class CodeVerifier {
  private readonly recent = new Map<string, PractitionerSecret | null>();

  constructor(
    private readonly secrets: SecretCache,
    private readonly verify: (code: string, secret: Uint8Array) => Promise<unknown>,
    private readonly parseNumber: (code: string) => number | null,
    private readonly capacity = 50_000,
  ) {}

  /** Checked against when a code names no known practitioner, so that answer takes as long as a forgery's. */
  private readonly decoy = crypto.getRandomValues(new Uint8Array(32));

  /** The code's owner when the code is authentic, else null. `code` must be normalised. */
  async owner(code: string): Promise<PractitionerSecret | null> {
    const hit = this.recent.get(code);
    if (hit !== undefined) return hit;
    const number = this.parseNumber(code);
    if (number === null) return null;
    // Same work and same caching whether or not the number is a practitioner's: neither the
    // answer nor its timing tells an enumerator which numbers exist. A code remembered as
    // forged stays forged when its number enrols later: it was not made under their new secret.
    const candidate = this.secrets.get(number);
    const authentic = await this.verify(code, candidate?.secret ?? this.decoy);
    const owner = candidate && authentic ? candidate : null;
    if (this.recent.size >= this.capacity) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(code, owner);
    return owner;
  }
}
