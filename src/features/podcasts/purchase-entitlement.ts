import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, OrderItem } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Entitlement } from '../../order-core/entitlements.js';
import { isLocale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { normaliseEmail } from '../memberships/access.js';
import { subscribePath } from './links.js';
import { touchFeed } from './queries.js';

/**
 * Buying a show: one `podcast_purchases` row per (order, show), so a rerun of
 * fulfilment grants nothing twice, and a second order of the same show is a
 * second row (each refund takes back only its own). A refund or a lost
 * dispute sets `revoked_at`; a won dispute clears it for the rows that
 * revocation took. Each change moves the show's feed version, so the buyer's
 * podcast app sees the new episode list on its next poll.
 */
export const podcastPurchaseEntitlement: Entitlement = {
  kind: 'podcast',
  timelineKey: 'podcasts',
  async grant(trx, { order, items }) {
    const now = isoNow();
    let granted = 0;
    for (const showId of await showsOf(trx, items)) {
      const inserted = await trx
        .insertInto('podcast_purchases')
        .values({
          id: randomUUID(),
          show_id: showId,
          email: normaliseEmail(order.email),
          order_id: order.id,
          revoked_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['order_id', 'show_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        granted++;
        await touchFeed(trx, showId, now);
      }
    }
    return granted;
  },
  async revoke(trx, { order, at }) {
    const revoked = await trx
      .updateTable('podcast_purchases')
      .set({ revoked_at: at })
      .where('order_id', '=', order.id)
      .where('revoked_at', 'is', null)
      .returning('show_id')
      .execute();
    await touchShows(trx, revoked, at);
  },
  async restore(trx, { order, revokedAt }) {
    const restored = await trx
      .updateTable('podcast_purchases')
      .set({ revoked_at: null })
      .where('order_id', '=', order.id)
      .where('revoked_at', '=', revokedAt)
      .returning('show_id')
      .execute();
    await touchShows(trx, restored, isoNow());
  },
  // The receipt links each show's subscribe page; the library opens for the order's address.
  async receiptLinks(db, { order, publicUrl, locale }) {
    const shows = await db
      .selectFrom('podcast_purchases as pp')
      .innerJoin('products as p', 'p.id', 'pp.show_id')
      .select(['pp.show_id', 'p.title'])
      .where('pp.order_id', '=', order.id)
      .where('pp.revoked_at', 'is', null)
      .execute();
    const t = translator(isLocale(locale) ? locale : 'en');
    const base = publicUrl.replace(/\/+$/, '');
    return shows.map((s) => ({
      label: s.title,
      url: `${base}${subscribePath(s.show_id)}`,
      note: t('podcasts.receipt.note', { email: order.email }),
    }));
  },
};

/** The ordered products that are shows. */
async function showsOf(trx: Transaction<DB>, items: readonly OrderItem[]): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await trx
    .selectFrom('podcast_shows')
    .select('product_id')
    .where(
      'product_id',
      'in',
      items.map((i) => i.product_id),
    )
    .execute();
  return rows.map((r) => r.product_id);
}

async function touchShows(trx: Transaction<DB>, rows: readonly { show_id: string }[], now: string): Promise<void> {
  for (const showId of new Set(rows.map((r) => r.show_id))) await touchFeed(trx, showId, now);
}
