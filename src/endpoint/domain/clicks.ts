// Click counting for the redirect, the vendor's hottest path. A redirect is answered only once
// its click is committed: clicks that arrive together are written in one transaction (group
// commit: it starts once the event loop has read the requests that came in together, or after
// `commitMs`; clicks arriving during a commit go into the next), so a killed process loses no
// click it had answered.
// No raw IP or user agent is stored: only SHA-256(daily salt ‖ ip ‖ user agent), and the salt of
// a past day is deleted, so a stored hash cannot be linked back to a visitor afterwards.
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes } from 'node:crypto';
import type { ClickTable, Database } from '../db/schema';
import type { Log } from '../context';

interface Waiting {
  row: ClickTable;
  done: (committed: boolean) => void;
}

export class ClickRecorder {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private writing: Promise<void> | null = null;
  private salt: { day: string; value: string } | null = null;
  /**
   * Clicks already committed (or being committed) by this process, by code, day and visitor: a
   * repeat is already durable, so it waits for the same commit instead of writing again. A miss
   * (another instance, an evicted entry) only costs an insert that does nothing.
   */
  private readonly known = new LRUCache<string, Promise<boolean>>({ max: 100_000 });

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Log,
    private readonly commitMs = 2,
    private readonly maxBatch = 1000,
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

  /**
   * Resolves once the click is committed (true), or once the write failed (false, logged).
   * A repeat of the same code, visitor and day is committed as nothing new (counted once).
   */
  record(click: Omit<ClickTable, 'id'>): Promise<boolean> {
    const key = `${click.code} ${click.day} ${click.visitor_hash}`;
    const earlier = this.known.get(key);
    if (earlier) return earlier;
    const committed = this.enqueue(click).then((ok) => {
      if (!ok) this.known.delete(key);
      return ok;
    });
    this.known.set(key, committed);
    return committed;
  }

  private enqueue(click: Omit<ClickTable, 'id'>): Promise<boolean> {
    return new Promise((done) => {
      this.queue.push({ row: { id: uuidv7(Date.parse(click.clicked_at)), ...click }, done });
      if (this.queue.length >= this.maxBatch) this.kick();
      else if (!this.timer && !this.writing) this.timer = this.commitMs > 0 ? setTimeout(() => this.kick(), this.commitMs) : setImmediate(() => this.kick());
    });
  }

  private kick(): void {
    if (this.timer) {
      if (this.commitMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
      else clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      // Clicks that arrived during the write go in the next transaction at once.
      if (this.queue.length > 0) this.kick();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    let ok = true;
    try {
      // One statement is one transaction (and one commit) on SQLite and PostgreSQL alike. Rows go
      // in key order: two instances inserting the same clicks then wait on each other's commit
      // in one order, never in a cycle (a deadlock PostgreSQL would break after a second).
      const rows = batch.map((w) => w.row).sort((a, b) => (clickKey(a) < clickKey(b) ? -1 : clickKey(a) > clickKey(b) ? 1 : 0));
      await this.db.insertInto('clicks').values(rows).onConflict((oc) => oc.columns(['code', 'day', 'visitor_hash']).doNothing()).execute();
    } catch (error) {
      ok = false;
      this.log.error(`could not record ${batch.length} clicks (the visitors were still redirected)`, error);
    }
    for (const w of batch) w.done(ok);
  }
}

const clickKey = (row: ClickTable) => `${row.code} ${row.day} ${row.visitor_hash}`;

/** A time-ordered UUID (v7): new click rows go to the end of the primary key's b-tree. */
export function uuidv7(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
