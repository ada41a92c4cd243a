import type { Db } from '../../db/schema.js';
import { demoPrice } from '../catalog/demo-products.js';
import { DEMO_TEXTS } from '../catalog/demo-texts.js';
import { DEMO_COURSE_SLUGS } from '../courses/demo.js';
import { DEMO_PLUGIN_TEXTS } from '../licensing/demo-texts.js';
import type { HistoricalOrder } from './demo-history-orders.js';
import type { DemoPrices, SaleProduct } from './demo-history-plan.js';

export type CatalogProduct = Pick<HistoricalOrder['product'], 'id' | 'title' | 'licence' | 'course'>;

/** The demo store's products and tiers as the history needs them; undefined when one is missing (deleted, renamed). */
export type DemoCatalog = {
  products: Record<SaleProduct, CatalogProduct>;
  membership: { product: CatalogProduct; tierId: string; freeTierId: string; monthly: number; yearly: number };
  prices: DemoPrices;
};

const SLUGS: Record<SaleProduct, string[]> = {
  ebook: [DEMO_TEXTS.en.ebook.slug, DEMO_TEXTS.de.ebook.slug],
  bundle: [DEMO_TEXTS.en.bundle.slug, DEMO_TEXTS.de.bundle.slug],
  checklist: [DEMO_TEXTS.en.checklist.slug, DEMO_TEXTS.de.checklist.slug],
  plugin: [DEMO_PLUGIN_TEXTS.en.slug, DEMO_PLUGIN_TEXTS.de.slug],
  course: [...DEMO_COURSE_SLUGS],
};

export async function loadDemoCatalog(db: Db, currency: string): Promise<DemoCatalog | undefined> {
  const rows = await db
    .selectFrom('products')
    .leftJoin('license_settings as l', (j) => j.onRef('l.product_id', '=', 'products.id').on('l.enabled', '=', 1))
    .select([
      'products.id',
      'products.slug',
      'products.title',
      'products.kind',
      'products.currency',
      'products.price_minor',
      'products.min_price_minor',
      'products.suggested_price_minor',
      'l.activation_limit',
      'l.validity',
      'l.validity_days',
      'l.product_id as licensed',
    ])
    .where('products.slug', 'in', Object.values(SLUGS).flat())
    .execute();
  const bySlug = (key: SaleProduct) => rows.find((r) => SLUGS[key].includes(r.slug) && r.currency === currency);
  const [ebook, bundle, checklist, plugin, course] = (
    ['ebook', 'bundle', 'checklist', 'plugin', 'course'] as const
  ).map(bySlug);
  const tiers = await db
    .selectFrom('membership_tiers')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('position')
    .execute();
  const free = tiers.find((t) => t.is_free === 1);
  const paid = tiers.find((t) => t.is_free === 0 && t.product_id && t.currency === currency && t.monthly_price_minor);
  if (!ebook || !bundle || !checklist || !plugin || course?.kind !== 'course' || !free || !paid?.product_id) {
    return undefined;
  }
  const tierProduct = await db
    .selectFrom('products')
    .select(['id', 'title'])
    .where('id', '=', paid.product_id)
    .executeTakeFirst();
  if (!tierProduct) return undefined;
  const product = (r: NonNullable<typeof ebook>): CatalogProduct => ({
    id: r.id,
    title: r.title,
    licence: r.licensed
      ? { activationLimit: r.activation_limit, validity: r.validity ?? 'forever', validityDays: r.validity_days }
      : null,
    course: r.kind === 'course',
  });
  const monthly = paid.monthly_price_minor ?? 0;
  return {
    products: {
      ebook: product(ebook),
      bundle: product(bundle),
      checklist: product(checklist),
      plugin: product(plugin),
      course: product(course),
    },
    membership: {
      product: { ...tierProduct, licence: null, course: false },
      tierId: paid.id,
      freeTierId: free.id,
      monthly,
      yearly: paid.yearly_price_minor ?? monthly * 10,
    },
    prices: {
      ebook: ebook.price_minor,
      bundleMin: bundle.min_price_minor,
      bundleSuggested: bundle.suggested_price_minor ?? bundle.min_price_minor,
      plugin: plugin.price_minor,
      course: course.price_minor,
      hourly: demoPrice(95, currency),
    },
  };
}
