import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A unique visitor seen on a product page, with where they came from. */
export type Sighting = { day: string; visitor: string; productId: string; referrer: string; campaign: string };

const keyOf = (s: Sighting) => `${s.day}\n${s.visitor}\n${s.productId}`;

/**
 * Product views counted in memory and written in batches: a page view costs no
 * write. A visitor seen again (same day, product and hash) is dropped at once;
 * a new one waits for the next flush — every `flushMs`, when `maxPending` are
 * waiting, and on `stop()` (graceful shutdown), after which views are written
 * as they come. A flush inserts the batch into `analytics_seen` (the database
 * still decides who is new, across processes and restarts) and adds only the
 * rows it inserted to `daily_views`, in one transaction; a failed flush keeps
 * its batch for the next one.
 */
export class VisitCounter {
  #pending = new Map<string, Sighting>();
  /** Keys already counted or waiting (this process, current day); cleared when large. */
  #seen = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
    private readonly opts: { flushMs: number; maxPending: number; maxSeen: number } = {
      flushMs: 5000,
      maxPending: 2000,
      maxSeen: 200_000,
    },
  ) {}

  add(s: Sighting): void {
    const key = keyOf(s);
    if (this.#seen.has(key)) return;
    if (this.#seen.size >= this.opts.maxSeen) this.#seen.clear();
    this.#seen.add(key);
    this.#pending.set(key, s);
    if (this.#stopped || this.#pending.size >= this.opts.maxPending) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.opts.flushMs).unref();
  }

  get pending(): number {
    return this.#pending.size;
  }

  /** Writes what is waiting; resolves once it is stored (flushes run one after another). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  /** Writes what is waiting; views recorded later are written at once. */
  stop(): Promise<void> {
    this.#stopped = true;
    return this.flush();
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending = new Map();
    try {
      await this.db.transaction().execute((trx) => countNew(trx, batch));
    } catch (err) {
      this.log.warn({ err, views: batch.length }, 'product views not stored yet; retried with the next batch');
      for (const s of batch) this.#pending.set(keyOf(s), s);
      if (!this.#stopped) this.#timer ??= setTimeout(() => void this.flush(), this.opts.flushMs).unref();
    }
  }
}

const CHUNK = 200; // rows per INSERT: well under SQLite's 32,766 bound parameters

/** Inserts the sightings; the ones the database did not know yet are added to the day's views. */
async function countNew(trx: Kysely<DB>, batch: Sighting[]): Promise<void> {
  const added = new Map<string, { day: string; product_id: string; referrer: string; campaign: string; n: number }>();
  for (let i = 0; i < batch.length; i += CHUNK) {
    const part = batch.slice(i, i + CHUNK);
    const inserted = await trx
      .insertInto('analytics_seen')
      .values(part.map((s) => ({ day: s.day, visitor: s.visitor, kind: 'view', product_id: s.productId })))
      .onConflict((oc) => oc.doNothing())
      .returning(['day', 'visitor', 'product_id'])
      .execute();
    const bySeen = new Map(part.map((s) => [keyOf(s), s]));
    for (const row of inserted) {
      const s = bySeen.get(`${row.day}\n${row.visitor}\n${row.product_id}`);
      if (!s) continue;
      const k = `${s.day}\n${s.productId}\n${s.referrer}\n${s.campaign}`;
      const sum = added.get(k) ?? {
        day: s.day,
        product_id: s.productId,
        referrer: s.referrer,
        campaign: s.campaign,
        n: 0,
      };
      sum.n++;
      added.set(k, sum);
    }
  }
  for (const { n, ...row } of added.values()) {
    await trx
      .insertInto('daily_views')
      .values({ ...row, visitors: n })
      .onConflict((oc) =>
        oc
          .columns(['day', 'product_id', 'referrer', 'campaign'])
          .doUpdateSet({ visitors: sql`daily_views.visitors + ${n}` }),
      )
      .execute();
  }
}
