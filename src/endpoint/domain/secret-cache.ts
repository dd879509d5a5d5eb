// Practitioners' referral secrets by practitioner number, held in memory (opened once) so the
// redirect verifies a code without touching the database, and a forgery costs the same whether
// or not its number exists (no query on a miss). Loaded at start and set on enrolment here; with
// several instances on one PostgreSQL database, refresh() (every second) also learns who enrolled
// on another instance. A secret is never changed or removed (it is kept across re-enrolment), so
// the copy only ever grows and a secret once known stays true.
import type { Kysely } from 'kysely';
import { decodeBase64Url } from '../../core/credential/base64url';
import type { Database } from '../db/schema';
import type { SecretBox } from './at-rest';

export interface PractitionerSecret {
  practitionerId: string;
  secret: Uint8Array;
}

/** Enrolments are re-read this far behind the newest one seen, for commits and clocks that lag. */
const OVERLAP_MS = 10 * 60_000;

export class SecretCache {
  private readonly byNumber = new Map<number, PractitionerSecret>();
  private newest = 0;
  private readonly listeners: ((number: number) => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('practitioners').select(['id', 'number', 'referral_secret', 'enrolled_at']).where('referral_secret', 'is not', null).execute();
    for (const row of rows) this.learn(row);
  }

  /** Learns the enrolments made since the last look (on any instance). */
  async refresh(): Promise<void> {
    const since = this.newest === 0 ? '' : new Date(this.newest - OVERLAP_MS).toISOString();
    const [recent, total] = await Promise.all([
      this.db.selectFrom('practitioners').select(['id', 'number', 'referral_secret', 'enrolled_at']).where('referral_secret', 'is not', null).where('enrolled_at', '>=', since).execute(),
      this.db.selectFrom('practitioners').select((eb) => eb.fn.countAll<number>().as('n')).where('referral_secret', 'is not', null).executeTakeFirstOrThrow(),
    ]);
    for (const row of recent) this.learn(row);
    // An enrolment dated further back than the overlap (a clock far behind): read them all once.
    if (Number(total.n) > this.byNumber.size) await this.load();
  }

  /** Called with each number whose secret becomes known after start. */
  onLearn(listener: (number: number) => void): void {
    this.listeners.push(listener);
  }

  private learn(row: { id: string; number: number; referral_secret: string | null; enrolled_at: string | null }): void {
    const at = row.enrolled_at ? Date.parse(row.enrolled_at) : NaN;
    if (at > this.newest) this.newest = at;
    const number = Number(row.number);
    if (!this.byNumber.has(number)) this.set(number, row.id, this.box.open(row.referral_secret!));
  }

  set(number: number, practitionerId: string, secretBase64Url: string): void {
    const secret = decodeBase64Url(secretBase64Url);
    if (!secret) return;
    const known = this.byNumber.has(number);
    this.byNumber.set(number, { practitionerId, secret });
    if (!known) for (const listener of this.listeners) listener(number);
  }

  get(number: number): PractitionerSecret | undefined {
    return this.byNumber.get(number);
  }

  /** get(), else a look in the database (an enrolment on another instance not seen yet): for authenticated callers, never the redirect. */
  async lookup(number: number): Promise<PractitionerSecret | undefined> {
    const known = this.get(number);
    if (known) return known;
    const row = await this.db.selectFrom('practitioners').select(['id', 'number', 'referral_secret', 'enrolled_at']).where('number', '=', number).where('referral_secret', 'is not', null).executeTakeFirst();
    if (row) this.learn(row);
    return this.get(number);
  }
}

/**
 * Verifies referral codes against the owner's secret, remembering recent answers: a link shared
 * on a busy forum is clicked many times, and a MAC check per click is the redirect's main cost.
 * A practitioner's secret never changes (it is kept across re-enrolment), so a cached answer stays
 * true, except "no such practitioner": those are forgotten when their number enrols (here or on
 * another instance), so a code is never refused for good because its owner enrolled elsewhere.
 */
export class CodeVerifier {
  private readonly recent = new Map<string, PractitionerSecret | null>();

  constructor(
    private readonly secrets: SecretCache,
    private readonly verify: (code: string, secret: Uint8Array) => Promise<unknown>,
    private readonly parseNumber: (code: string) => number | null,
    private readonly capacity = 50_000,
  ) {
    secrets.onLearn((number) => {
      for (const [code, owner] of this.recent) if (owner === null && this.parseNumber(code) === number) this.recent.delete(code);
    });
  }

  /** Checked against when a code names no known practitioner, so that answer takes as long as a forgery's. */
  private readonly decoy = crypto.getRandomValues(new Uint8Array(32));

  /** The code's owner when the code is authentic, else null. `code` must be normalised. */
  async owner(code: string): Promise<PractitionerSecret | null> {
    const hit = this.recent.get(code);
    if (hit !== undefined) return hit;
    const number = this.parseNumber(code);
    if (number === null) return null;
    // Same work and same caching whether or not the number is a practitioner's: neither the
    // answer nor its timing tells an enumerator which numbers exist.
    const candidate = this.secrets.get(number);
    const authentic = await this.verify(code, candidate?.secret ?? this.decoy);
    const owner = candidate && authentic ? candidate : null;
    if (this.recent.size >= this.capacity) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(code, owner);
    return owner;
  }
}
