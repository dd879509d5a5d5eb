// Click counting for the redirect, the vendor's hottest path. Clicks are buffered in memory and
// written in one statement every few milliseconds; anything that reads clicks flushes first.
// No raw IP or user agent is stored: only SHA-256(daily salt ‖ ip ‖ user agent), and the salt of
// a past day is deleted, so a stored hash cannot be linked back to a visitor afterwards.
import type { Kysely } from 'kysely';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ClickTable, Database } from '../db/schema';

export class ClickRecorder {
  private buffer: ClickTable[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private salt: { day: string; value: string } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly flushMs = 20,
    private readonly maxBuffer = 500,
  ) {}

  async visitorHash(day: string, ip: string, userAgent: string): Promise<string> {
    const salt = this.salt?.day === day ? this.salt.value : await this.saltFor(day);
    return createHash('sha256').update(salt).update('\0').update(ip).update('\0').update(userAgent).digest('base64url');
  }

  private async saltFor(day: string): Promise<string> {
    await this.db.insertInto('daily_salts').values({ day, salt: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('day').doNothing()).execute();
    const row = await this.db.selectFrom('daily_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
    await this.db.deleteFrom('daily_salts').where('day', '<', day).execute();
    this.salt = { day, value: row.salt };
    return row.salt;
  }

  record(click: Omit<ClickTable, 'id'>): void {
    this.buffer.push({ id: randomUUID(), ...click });
    if (this.buffer.length >= this.maxBuffer) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes every buffered click; duplicates (same code, day and visitor) are dropped by the unique constraint. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const rows = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (rows.length === 0) return;
      try {
        await this.db.insertInto('clicks').values(rows).onConflict((oc) => oc.columns(['code', 'day', 'visitor_hash']).doNothing()).execute();
      } catch (error) {
        console.error(`advocate endpoint: could not record ${rows.length} clicks: ${(error as Error).message}`);
      }
    });
    return this.flushing;
  }
}
