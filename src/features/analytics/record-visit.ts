import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { ANALYTICS_KEYS, storeTimeZone } from './settings.js';
import { localDay } from './time-zone.js';
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

type Kind = 'view' | 'checkout';

/** True when this visitor is new for the day (and kind and product): one unique visitor counted once. */
async function firstSighting(db: Kysely<DB>, req: FastifyRequest, kind: Kind, productId: string, now: Date) {
  const ua = req.headers['user-agent'];
  if (isBot(ua)) return undefined;
  const day = localDay(now, await storeTimeZone(db));
  const visitor = visitorHash(await dailySalt(db, day), req.ip, ua ?? '', day);
  const r = await db
    .insertInto('analytics_seen')
    .values({ day, visitor, kind, product_id: productId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? day : undefined;
}

async function countView(db: Kysely<DB>, req: FastifyRequest, productId: string, now: Date): Promise<void> {
  const day = await firstSighting(db, req, 'view', productId, now);
  if (!day) return;
  const { referrer, campaign } = trafficSource(req.query as Record<string, unknown>, req.headers.referer, req.hostname);
  await db
    .insertInto('daily_views')
    .values({ day, product_id: productId, referrer, campaign, visitors: 1 })
    .onConflict((oc) =>
      oc
        .columns(['day', 'product_id', 'referrer', 'campaign'])
        .doUpdateSet({ visitors: sql`daily_views.visitors + 1` }),
    )
    .execute();
}

async function countCheckout(db: Kysely<DB>, req: FastifyRequest, productId: string, now: Date): Promise<void> {
  const day = await firstSighting(db, req, 'checkout', productId, now);
  if (!day) return;
  await db
    .insertInto('daily_checkouts')
    .values({ day, product_id: productId, started: 1 })
    .onConflict((oc) => oc.columns(['day', 'product_id']).doUpdateSet({ started: sql`daily_checkouts.started + 1` }))
    .execute();
}

/** Counts a product page view; never fails the page (a counting error is only logged). */
export async function recordProductView(services: Services, req: FastifyRequest, productId: string, now = new Date()) {
  await countView(services.database.db, req, productId, now).catch((err: unknown) =>
    req.log.warn({ err }, 'product view not counted'),
  );
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
