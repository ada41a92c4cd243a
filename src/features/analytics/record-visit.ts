import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { ANALYTICS_KEYS, storeTimeZone } from './settings.js';
import { localDay } from './time-zone.js';
import { VisitCounter } from './visit-counter.js';
import { isBot, trafficSource, visitorHash } from './visitor.js';

type Salt = { day: string; salt: string };

/**
 * Today's salt; on the first visit of a new day a fresh one replaces it (a
 * guarded update, so concurrent requests agree) and the past days' hashes are deleted.
 */
export async function dailySalt(db: Kysely<DB>, day: string): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', ANALYTICS_KEYS.salt).executeTakeFirst();
  const current = row ? (JSON.parse(row.value) as Salt) : undefined;
  if (current?.day === day) return current.salt;
  const fresh = JSON.stringify({ day, salt: randomBytes(24).toString('base64url') } satisfies Salt);
  if (row) {
    await db
      .updateTable('settings')
      .set({ value: fresh })
      .where('key', '=', ANALYTICS_KEYS.salt)
      .where('value', '=', row.value)
      .execute();
  } else {
    await db
      .insertInto('settings')
      .values({ key: ANALYTICS_KEYS.salt, value: fresh })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
  await db.deleteFrom('analytics_seen').where('day', '<', day).execute();
  const now = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', ANALYTICS_KEYS.salt)
    .executeTakeFirstOrThrow();
  return (JSON.parse(now.value) as Salt).salt;
}

/** True when this visitor is new for the day (and product): one checkout start counted once. */
async function firstCheckoutSighting(db: Kysely<DB>, req: FastifyRequest, productId: string, now: Date) {
  const ua = req.headers['user-agent'];
  if (isBot(ua)) return undefined;
  const day = localDay(now, await storeTimeZone(db));
  const visitor = visitorHash(await dailySalt(db, day), req.ip, ua ?? '', day);
  const r = await db
    .insertInto('analytics_seen')
    .values({ day, visitor, kind: 'checkout', product_id: productId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? day : undefined;
}

async function countCheckout(db: Kysely<DB>, req: FastifyRequest, productId: string, now: Date): Promise<void> {
  const day = await firstCheckoutSighting(db, req, productId, now);
  if (!day) return;
  await db
    .insertInto('daily_checkouts')
    .values({ day, product_id: productId, started: 1 })
    .onConflict((oc) => oc.columns(['day', 'product_id']).doUpdateSet({ started: sql`daily_checkouts.started + 1` }))
    .execute();
}

/** Per store (database): the views waiting to be written and today's salt. */
type Counting = { counter: VisitCounter; salt?: Promise<Salt> | undefined };
const counting = new WeakMap<Database, Counting>();

function countingOf(services: Services): Counting {
  let c = counting.get(services.database);
  if (!c) {
    c = { counter: new VisitCounter(services.database.db, services.log) };
    counting.set(services.database, c);
  }
  return c;
}

let lastDay = { second: 0, timeZone: '', day: '' };

/** The store-local day, worked out once a second (Intl's formatting costs more than the rest of a view). */
function dayOf(now: Date, timeZone: string): string {
  const second = Math.floor(now.getTime() / 1000);
  if (lastDay.second !== second || lastDay.timeZone !== timeZone) {
    lastDay = { second, timeZone, day: localDay(now, timeZone) };
  }
  return lastDay.day;
}

/** Today's salt, read (or replaced) once a day per process instead of once a view. */
async function saltOf(c: Counting, db: Kysely<DB>, day: string): Promise<string> {
  const known = c.salt && (await c.salt.catch(() => undefined));
  if (known?.day === day) return known.salt;
  const reading = dailySalt(db, day).then((salt) => ({ day, salt }));
  c.salt = reading;
  return (await reading).salt;
}

/**
 * Counts a product page view without a write: the visitor's hash goes to the
 * in-memory counter (visit-counter.ts), which stores new visitors in batches.
 * Never fails the page (a counting error is only logged).
 */
export async function recordProductView(services: Services, req: FastifyRequest, productId: string, now = new Date()) {
  try {
    const ua = req.headers['user-agent'];
    if (isBot(ua)) return;
    const { db } = services.database;
    const c = countingOf(services);
    const day = dayOf(now, (await getStoreSettings(db)).timeZone);
    const visitor = visitorHash(await saltOf(c, db, day), req.ip, ua ?? '', day);
    const source = trafficSource(req.query as Record<string, unknown>, req.headers.referer, req.hostname);
    c.counter.add({ day, visitor, productId, ...source });
  } catch (err) {
    req.log.warn({ err }, 'product view not counted');
  }
}

/** Writes the views still waiting (the admin's figures are otherwise at most one flush behind). */
export async function flushProductViews(services: Services): Promise<void> {
  await counting.get(services.database)?.counter.flush();
}

/** Graceful stop: writes what is waiting; views that still arrive are written as they come. */
export async function stopCountingViews(services: Services): Promise<void> {
  await counting.get(services.database)?.counter.stop();
}

/** Counts a started checkout (same visitor, same day: once). */
export async function recordCheckoutStart(
  services: Services,
  req: FastifyRequest,
  productId: string,
  now = new Date(),
) {
  await countCheckout(services.database.db, req, productId, now).catch((err: unknown) =>
    req.log.warn({ err }, 'checkout start not counted'),
  );
}
