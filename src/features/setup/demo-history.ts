import { performance } from 'node:perf_hooks';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { translator } from '../../web/messages.js';
import { addDemoCommissions } from '../affiliates/demo-commissions.js';
import { resetSubscriptionFlows, syncSubscriptionFlows } from '../analytics/mrr-data.js';
import { rebuildSalesAggregates } from '../analytics/rebuild-aggregates.js';
import { addDays, localDay } from '../analytics/time-zone.js';
import { DIGITAL_CONSENT_KIND, DIGITAL_CONSENT_VERSION } from '../legal/consent.js';
import { withdrawalCaseOf } from '../legal/withdrawal-case.js';
import { sendTuning } from '../newsletter/settings.js';
import { claimSetting, clearSettingsCache, getStoreSettings, readSetting } from '../settings/store-settings.js';
import { productTaxOf } from '../tax/product-tax.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { loadDemoCatalog } from './demo-history-catalog.js';
import { customerBook, type HistoryContext, instantIn, taxDecider } from './demo-history-context.js';
import { writeCourseStudy } from './demo-history-courses.js';
import { issueHistoryInvoices } from './demo-history-invoices.js';
import { membershipHistory } from './demo-history-members.js';
import { type HistoricalOrder, insertHistoricalOrders } from './demo-history-orders.js';
import { type DemoProductKey, planDemoHistory } from './demo-history-plan.js';
import { writePostHistory } from './demo-history-posts.js';
import { writeWorkHistory } from './demo-history-work.js';
import { insertRows } from './demo-insert.js';
import { addDemoSamples } from './demo-samples.js';

const HISTORY_CLAIM = 'demo.history_added';

export type DemoHistoryResult = {
  added: boolean;
  orders: number;
  refunds: number;
  customers: number;
  members: number;
  subscriptions: number;
  effortEntries: number;
  clientWorkEntries: number;
  newsletterRecipients: number;
  /** Course enrolments of its orders (refunded ones included, their access ended). */
  students: number;
  /** How long it took, planning to recount (milliseconds). */
  ms: number;
};

const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/**
 * A year of the demo store's past (see demo-history-plan.ts for the story),
 * written once into a demo store that has sold nothing yet, after its
 * products and tiers exist: sample legal and tax settings, customers and
 * their orders (VAT decided by checkout's own functions), members and
 * subscriptions, hours, client work, the holiday, page visits and two sent
 * newsletters; then the analytics aggregates are recounted from it. `now`
 * and `seed` fix the year: the same pair gives the same history.
 */
export async function addDemoHistory(
  services: Services,
  opts: { now?: Date; seed?: number } = {},
): Promise<DemoHistoryResult> {
  const started = performance.now();
  const { db, dialect } = services.database;
  const none = { ...emptyResult(), ms: 0 };
  if (await readSetting(db, HISTORY_CLAIM)) return none;
  clearSettingsCache();
  const store = await getStoreSettings(db);
  const catalog = await loadDemoCatalog(db, store.currency);
  // A store that has customers of its own keeps its own history.
  if (!catalog || (await hasPeople(db))) return none;
  await addDemoSamples(db, store.locale);
  const now = opts.now ?? new Date();
  const today = localDay(now, store.timeZone);
  const plan = planDemoHistory({ today, locale: store.locale, prices: catalog.prices, seed: opts.seed });
  const book = customerBook(plan);
  const ctx: HistoryContext = {
    db,
    now,
    nowIso: now.toISOString(),
    today,
    timeZone: store.timeZone,
    locale: store.locale,
    currency: store.currency,
    storeName: store.storeName,
    plan,
    catalog,
    instant: instantIn(store.timeZone),
    customerOf: book.customerOf,
    customers: book.customers,
    decide: taxDecider(db, await loadTaxSettings(db), store.currency),
  };
  const sales = await salesOrders(ctx);
  const membership = await membershipHistory(ctx);
  const orders = [...sales, ...membership.orders].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const recipients = await db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, HISTORY_CLAIM, ctx.nowIso))) return undefined;
    await insertRows(
      trx,
      'customers',
      [...book.customers.values()].map((c) => ({
        id: c.id,
        email: c.email,
        name: c.name,
        locale: c.locale,
        created_at: c.createdAt,
      })),
    );
    const downloadLimit = services.config.downloadLimit > 0 ? services.config.downloadLimit : null;
    await insertHistoricalOrders(trx, orders, { publicUrl: services.config.publicUrl, downloadLimit });
    await writeCourseStudy(trx, ctx, orders);
    await membership.write(trx);
    await writeWorkHistory(trx, ctx);
    await backdateCatalog(trx, ctx);
    return (await writePostHistory(trx, ctx, sendTuning(services.config).batchSize)).recipients;
  });
  if (recipients === undefined) return none;
  await issueHistoryInvoices(services);
  // The demo partners' share of those sales, on the ledger as it would have been written then.
  await addDemoCommissions(services, now);
  // The dashboard reads only the aggregates: recount them from what was just written.
  await rebuildSalesAggregates(db, dialect);
  await resetSubscriptionFlows(db);
  await syncSubscriptionFlows(db, { timeZone: store.timeZone, now });
  return {
    added: true,
    orders: orders.length,
    refunds: orders.filter((o) => o.refund).length,
    customers: book.customers.size,
    members: membership.members,
    subscriptions: membership.subscriptions,
    students: orders.filter((o) => o.product.course).length,
    effortEntries: plan.effort.length,
    clientWorkEntries: plan.clientWork.length,
    newsletterRecipients: recipients,
    ms: Math.round(performance.now() - started),
  };
}

function emptyResult(): Omit<DemoHistoryResult, 'ms'> {
  return {
    added: false,
    orders: 0,
    refunds: 0,
    customers: 0,
    members: 0,
    subscriptions: 0,
    students: 0,
    effortEntries: 0,
    clientWorkEntries: 0,
    newsletterRecipients: 0,
  };
}

async function hasPeople(db: Services['database']['db']): Promise<boolean> {
  const order = await db.selectFrom('orders').select('id').limit(1).executeTakeFirst();
  const member = await db.selectFrom('members').select('id').limit(1).executeTakeFirst();
  return Boolean(order || member);
}

/** The download and course sales: one order per planned sale, consent and VAT as checkout would take and decide them. */
async function salesOrders(ctx: HistoryContext): Promise<HistoricalOrder[]> {
  const { plan, catalog } = ctx;
  const categories = await productTaxOf(
    ctx.db,
    Object.values(catalog.products).map((p) => p.id),
  );
  const orders: HistoricalOrder[] = [];
  for (const s of plan.sales) {
    const person = plan.people[s.person];
    if (!person) continue;
    const product = catalog.products[s.product];
    const createdAt = ctx.instant(s.day, s.minute);
    const paidAt = later(createdAt, s.amountMinor === 0 ? 0 : 40 + (s.minute % 50));
    const { buyer, tax } = await ctx.decide(product, person, s.amountMinor, createdAt);
    const refundAt = s.refund ? later(paidAt, s.refund.afterMinutes * 60) : null;
    const category = categories.get(product.id)?.category ?? 'electronic_service';
    const digital = withdrawalCaseOf(category, s.amountMinor) === 'digital';
    orders.push({
      id: crypto.randomUUID(),
      customer: ctx.customerOf(s.person, createdAt),
      product,
      currency: ctx.currency,
      totalMinor: s.amountMinor,
      tax,
      buyer,
      consent: digital
        ? {
            kind: DIGITAL_CONSENT_KIND,
            version: DIGITAL_CONSENT_VERSION,
            text: translator(person.locale)('legal.checkout.consent.digital'),
          }
        : null,
      createdAt,
      paidAt,
      provider: s.amountMinor === 0 ? 'free' : 'test',
      cardCountry: s.amountMinor === 0 ? null : person.country,
      refund:
        s.refund && refundAt && refundAt < ctx.nowIso ? { at: refundAt, amountMinor: s.refund.amountMinor } : null,
      ...(s.study ? { study: s.study } : {}),
    });
  }
  return orders;
}

/** The products and tiers were made when the creator made them, not when the demo started. */
async function backdateCatalog(trx: Transaction<DB>, ctx: HistoryContext): Promise<void> {
  const { catalog, plan } = ctx;
  const ids: Record<DemoProductKey, string> = {
    ebook: catalog.products.ebook.id,
    bundle: catalog.products.bundle.id,
    checklist: catalog.products.checklist.id,
    plugin: catalog.products.plugin.id,
    membership: catalog.membership.product.id,
    course: catalog.products.course.id,
  };
  for (const [key, id] of Object.entries(ids) as [DemoProductKey, string][]) {
    const launch = plan.launches[key];
    const published = ctx.instant(launch, 8 * 60);
    const created = ctx.instant(addDays(launch, -30), 9 * 60);
    await trx
      .updateTable('products')
      .set({ created_at: created, updated_at: published, published_at: published })
      .where('id', '=', id)
      .execute();
  }
  await backdateCourse(trx, ctx);
  const tiersAt = ctx.instant(plan.launches.membership, 8 * 60);
  await trx
    .updateTable('membership_tiers')
    .set({ created_at: tiersAt, updated_at: tiersAt })
    .where('id', 'in', [catalog.membership.tierId, catalog.membership.freeTierId])
    .execute();
}

/** The course's outline was made when its product was, and published with it. */
async function backdateCourse(trx: Transaction<DB>, ctx: HistoryContext): Promise<void> {
  const launch = ctx.plan.launches.course;
  const created = ctx.instant(addDays(launch, -30), 9 * 60);
  const published = ctx.instant(launch, 8 * 60);
  const id = ctx.catalog.products.course.id;
  await trx
    .updateTable('courses')
    .set({ created_at: created, updated_at: published })
    .where('product_id', '=', id)
    .execute();
  await trx.updateTable('course_modules').set({ created_at: created }).where('product_id', '=', id).execute();
  await trx
    .updateTable('course_lessons')
    .set({ created_at: created, updated_at: published })
    .where('product_id', '=', id)
    .execute();
}
