import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;
/** What @fastify/rate-limit hands `child()`: the route's merged options with the route itself. */
type ChildOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** Expired rows are deleted at most this often per process (they are harmless until then). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Counts one request of `key` in a fixed window shared by every app instance on the
 * database: one upsert that starts a new window when the stored one has ended, else
 * adds one, and returns the count with the window's end. Atomic on both databases
 * (a row lock on PostgreSQL, the single writer on SQLite), so two instances never both
 * see the same count.
 */
export async function countHit(db: Kysely<DB>, key: string, windowMs: number, now = Date.now()): Promise<Result> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return upsertHit(db, key, windowMs, now);
  // A count lost in a database crash lets a client through a few times more: not worth a disk
  // flush per request (the job queue's bookkeeping commits the same way).
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
    return upsertHit(trx, key, windowMs, now);
  });
}

async function upsertHit(db: Kysely<DB>, key: string, windowMs: number, now: number): Promise<Result> {
  const resetsAt = now + windowMs;
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key, hits: 1, resets_at_ms: resetsAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`CASE WHEN rate_limit_hits.resets_at_ms <= ${now} THEN 1 ELSE rate_limit_hits.hits + 1 END`,
        resets_at_ms: sql`CASE WHEN rate_limit_hits.resets_at_ms <= ${now} THEN ${resetsAt} ELSE rate_limit_hits.resets_at_ms END`,
      }),
    )
    .returning(['hits', 'resets_at_ms'])
    .executeTakeFirstOrThrow();
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.resets_at_ms) - now) };
}

/** The count of `key` without counting (the plugin's `{ increment: false }`). */
export async function readHits(db: Kysely<DB>, key: string, now = Date.now()): Promise<Result> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select(['hits', 'resets_at_ms'])
    .where('key', '=', key)
    .where('resets_at_ms', '>', now)
    .executeTakeFirst();
  return row ? { current: Number(row.hits), ttl: Number(row.resets_at_ms) - now } : { current: 0, ttl: 0 };
}

/** Deletes windows that ended; returns how many. */
export async function sweepHits(db: Kysely<DB>, now = Date.now()): Promise<number> {
  const r = await db.deleteFrom('rate_limit_hits').where('resets_at_ms', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * A store for @fastify/rate-limit over the `rate_limit_hits` table, so a limit of 10 a
 * minute is 10 a minute for the whole store, however many instances answer. Keys are
 * prefixed with the route, as the plugin's own stores do (each route counts apart).
 * Fixed windows only: no route here uses `continueExceeding` or `exponentialBackoff`.
 */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  const sweep = { last: Date.now() };
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      if (now - sweep.last > SWEEP_EVERY_MS) {
        sweep.last = now;
        sweepHits(db, now).catch(() => {}); // best effort: the next sweep tries again
      }
      countHit(db, this.prefix + key, timeWindow, now).then(
        (r) => callback(null, r),
        (err: Error) => callback(err),
      );
    }

    read(key: string, callback: Callback): void {
      readHits(db, this.prefix + key).then(
        (r) => callback(null, r),
        (err: Error) => callback(err),
      );
    }

    child(options: unknown): FastifyRateLimitStore {
      const route = (options as ChildOptions).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return new DatabaseStore(undefined, `${method}${route?.url ?? ''}-`);
    }
  }
  return DatabaseStore;
}

/**
 * The store the app's rate limits count in: the database when it is PostgreSQL (several
 * instances may answer), else the plugin's in-memory store (SQLite is one process).
 */
export function rateLimitStoreFor(database: Database): FastifyRateLimitStoreCtor | undefined {
  return database.dialect === 'postgres' ? databaseRateLimitStore(database.db) : undefined;
}
