import type { Affiliate, AffiliateStatus, Db } from '../../db/schema.js';
import { balances } from './ledger.js';

/** An affiliate's figures for the admin list and the portal, in the affiliate's currency. */
export type AffiliateFigures = {
  clicks: number;
  sales: number;
  salesMinor: number;
  /** Earned so far net of reversals and claw-backs. */
  commissionMinor: number;
  heldMinor: number;
  /** Negative: a claw-back carried forward. */
  payableMinor: number;
  paidMinor: number;
};

export async function findAffiliate(db: Db, id: string): Promise<Affiliate | undefined> {
  return db.selectFrom('affiliates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAffiliates(db: Db, status?: AffiliateStatus): Promise<Affiliate[]> {
  let q = db.selectFrom('affiliates').selectAll().orderBy('created_at', 'desc');
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

/** Figures of every affiliate (or one), keyed by id. */
export async function affiliateFigures(
  db: Db,
  asOf: Date,
  affiliateId?: string,
): Promise<Map<string, AffiliateFigures>> {
  let clicksQ = db
    .selectFrom('affiliate_clicks')
    .select('affiliate_id')
    .select((eb) => eb.fn.sum<number>('clicks').as('n'))
    .groupBy('affiliate_id');
  let salesQ = db
    .selectFrom('order_attributions')
    .innerJoin('orders', 'orders.id', 'order_attributions.order_id')
    .innerJoin('affiliates', 'affiliates.id', 'order_attributions.affiliate_id')
    .select('order_attributions.affiliate_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .select((eb) => eb.fn.sum<number>(eb('orders.total_minor', '-', eb.ref('orders.refunded_minor'))).as('minor'))
    .where('orders.status', 'in', ['paid', 'refunded', 'disputed'])
    .whereRef('orders.currency', '=', 'affiliates.currency')
    .groupBy('order_attributions.affiliate_id');
  let entriesQ = db
    .selectFrom('affiliate_commission_entries as e')
    .innerJoin('affiliates', 'affiliates.id', 'e.affiliate_id')
    .select(['e.affiliate_id', 'e.kind'])
    .select((eb) => eb.fn.sum<number>('e.amount_minor').as('minor'))
    .whereRef('e.currency', '=', 'affiliates.currency')
    .groupBy(['e.affiliate_id', 'e.kind']);
  if (affiliateId) {
    clicksQ = clicksQ.where('affiliate_id', '=', affiliateId);
    salesQ = salesQ.where('order_attributions.affiliate_id', '=', affiliateId);
    entriesQ = entriesQ.where('e.affiliate_id', '=', affiliateId);
  }
  const [clicks, sales, entries, bal, currencies] = await Promise.all([
    clicksQ.execute(),
    salesQ.execute(),
    entriesQ.execute(),
    balances(db, asOf, affiliateId),
    db.selectFrom('affiliates').select(['id', 'currency']).execute(),
  ]);
  const currencyOf = new Map(currencies.map((c) => [c.id, c.currency]));
  const figures = new Map<string, AffiliateFigures>();
  const of = (id: string) => {
    let f = figures.get(id);
    if (!f) {
      f = { clicks: 0, sales: 0, salesMinor: 0, commissionMinor: 0, heldMinor: 0, payableMinor: 0, paidMinor: 0 };
      figures.set(id, f);
    }
    return f;
  };
  for (const c of clicks) of(c.affiliate_id).clicks = Number(c.n);
  for (const s of sales) Object.assign(of(s.affiliate_id), { sales: Number(s.n), salesMinor: Number(s.minor) });
  for (const e of entries) {
    const f = of(e.affiliate_id);
    if (e.kind === 'paid') f.paidMinor = -Number(e.minor);
    else f.commissionMinor += Number(e.minor);
  }
  for (const b of bal) {
    if (currencyOf.get(b.affiliateId) !== b.currency) continue;
    Object.assign(of(b.affiliateId), { heldMinor: b.heldMinor, payableMinor: b.payableMinor });
  }
  return figures;
}

/** Per product: clicks and sales of one affiliate (for the portal's link list). */
export async function productFigures(db: Db, affiliateId: string) {
  const [clicks, sales] = await Promise.all([
    db
      .selectFrom('affiliate_clicks')
      .select('product_id')
      .select((eb) => eb.fn.sum<number>('clicks').as('n'))
      .where('affiliate_id', '=', affiliateId)
      .groupBy('product_id')
      .execute(),
    db
      .selectFrom('order_attributions')
      .innerJoin('orders', 'orders.id', 'order_attributions.order_id')
      .innerJoin('order_items', 'order_items.order_id', 'orders.id')
      .select('order_items.product_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_attributions.affiliate_id', '=', affiliateId)
      .where('orders.status', 'in', ['paid', 'refunded', 'disputed'])
      .groupBy('order_items.product_id')
      .execute(),
  ]);
  const out = new Map<string, { clicks: number; sales: number }>();
  for (const c of clicks) out.set(c.product_id, { clicks: Number(c.n), sales: 0 });
  for (const s of sales) out.set(s.product_id, { clicks: out.get(s.product_id)?.clicks ?? 0, sales: Number(s.n) });
  return out;
}

/** The published products an affiliate can link to. */
export async function linkableProducts(db: Db) {
  return db
    .selectFrom('products')
    .select(['id', 'slug', 'title'])
    .where('status', '=', 'published')
    .orderBy('title')
    .execute();
}

/** The ledger of one affiliate, newest first (the portal's and admin's history). */
export async function ledgerOf(db: Db, affiliateId: string, limit = 50) {
  return db
    .selectFrom('affiliate_commission_entries as e')
    .leftJoin('orders', 'orders.id', 'e.order_id')
    .leftJoin('order_items', 'order_items.id', 'e.order_item_id')
    .select([
      'e.id',
      'e.kind',
      'e.amount_minor',
      'e.currency',
      'e.available_at',
      'e.created_at',
      'e.reason',
      'orders.number as order_number',
      'order_items.title as product_title',
    ])
    .where('e.affiliate_id', '=', affiliateId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}
