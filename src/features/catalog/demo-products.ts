import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Pricing } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { exponentOf } from '../../domain/money.js';
import type { Services } from '../../services.js';
import type { Locale } from '../../web/i18n.js';
import { claimSetting, clearSettingsCache, getStoreSettings, writeSetting } from '../settings/store-settings.js';
import type { StoredObject } from '../storage/storage.js';
import { storeCover } from './cover-image.js';
import { coverSvg, makePdf, makeZip } from './demo-files.js';
import { DEMO_INTRO, DEMO_TEXTS, type DemoText } from './demo-texts.js';
import { contentTypeFor } from './file-names.js';
import { addFileRows } from './file-rows.js';
import { INTRO_KEYS } from './store-intro.js';

const DEMO_CLAIM = 'demo.products_added';

/** Rough price levels, so a demo in yen or forint does not sell an e-book for 19 units. */
const PRICE_FACTOR: Record<string, number> = {
  SEK: 10,
  NOK: 10,
  DKK: 7,
  PLN: 4,
  CZK: 25,
  HUF: 400,
  RON: 5,
  JPY: 150,
  KWD: 0.3,
};

/** A demo price of `major` units, scaled to the currency's usual price level. */
export function demoPrice(major: number, currency: string): number {
  const scaled = Math.max(1, Math.round(major * (PRICE_FACTOR[currency] ?? 1)));
  return scaled * 10 ** exponentOf(currency);
}

type DemoFile = { name: string; fileName: string; bytes: Buffer };
type DemoProduct = {
  text: DemoText;
  pricing: Pricing;
  price: number;
  minPrice: number;
  suggested: number | null;
  cover: { label: string; from: string; to: string };
  files: DemoFile[];
};

function demoProducts(locale: Locale): DemoProduct[] {
  const t = DEMO_TEXTS[locale];
  return [
    {
      text: t.ebook,
      pricing: 'fixed',
      price: 19,
      minPrice: 0,
      suggested: null,
      cover: { label: t.ebook.label, from: '#4338ca', to: '#db2777' },
      files: [
        { name: t.ebook.fileLabel, fileName: t.ebook.fileName, bytes: makePdf(t.ebook.title, t.ebook.pages ?? []) },
      ],
    },
    {
      text: t.bundle,
      pricing: 'pwyw',
      price: 0,
      minPrice: 9,
      suggested: 29,
      cover: { label: t.bundle.label, from: '#0f766e', to: '#2563eb' },
      files: [{ name: t.bundle.fileLabel, fileName: t.bundle.fileName, bytes: makeZip(t.bundle.zip ?? []) }],
    },
    {
      text: t.checklist,
      pricing: 'free',
      price: 0,
      minPrice: 0,
      suggested: null,
      cover: { label: t.checklist.label, from: '#ea580c', to: '#ca8a04' },
      files: [
        {
          name: t.checklist.fileLabel,
          fileName: t.checklist.fileName,
          bytes: makePdf(t.checklist.title, t.checklist.pages ?? []),
        },
      ],
    },
  ];
}

/**
 * Example products for a new demo store: a paid e-book (PDF), a pay-what-you-want
 * template bundle (ZIP) and a free checklist (PDF), each with a cover, in the
 * store's language and currency, published. Runs once: when any product exists
 * or the demo was added before, it does nothing (a setting claimed in the same
 * transaction as the inserts guards against two concurrent runs).
 */
export async function addDemoProducts(services: Services): Promise<{ added: number }> {
  const { db } = services.database;
  const exists = await db.selectFrom('products').select('id').limit(1).executeTakeFirst();
  if (exists) return { added: 0 };
  clearSettingsCache(); // read what set-up has just written
  const { locale, currency } = await getStoreSettings(db);
  const products = demoProducts(locale);

  // Files first (storage is not transactional); removed again if another run wins.
  const stored: string[] = [];
  type Prepared = Omit<DemoProduct, 'files'> & { coverKey: string; files: (DemoFile & { object: StoredObject })[] };
  const prepared: Prepared[] = [];
  for (const p of products) {
    const cover = await storeCover(services.storage, coverSvg({ title: p.text.title, ...p.cover }));
    stored.push(cover);
    const files = [];
    for (const f of p.files) {
      const object = await services.storage.put(Readable.from([f.bytes]), { prefix: 'files' });
      stored.push(object.key);
      files.push({ ...f, object });
    }
    prepared.push({ ...p, coverKey: cover, files });
  }

  const added = await db.transaction().execute(async (trx) => {
    if (!(await claimSetting(trx, DEMO_CLAIM, isoNow()))) return 0;
    if (await trx.selectFrom('products').select('id').limit(1).executeTakeFirst()) return 0;
    const base = Date.now();
    for (const [index, p] of prepared.entries()) {
      // Newest first on the store front: the e-book, then the bundle, then the checklist.
      const at = new Date(base - index * 1000).toISOString();
      const productId = randomUUID();
      await trx
        .insertInto('products')
        .values({
          id: productId,
          slug: p.text.slug,
          title: p.text.title,
          summary: p.text.summary,
          description_md: p.text.description,
          status: 'published',
          pricing: p.pricing,
          currency,
          price_minor: p.pricing === 'fixed' ? demoPrice(p.price, currency) : 0,
          min_price_minor: p.pricing === 'pwyw' ? demoPrice(p.minPrice, currency) : 0,
          suggested_price_minor: p.suggested === null ? null : demoPrice(p.suggested, currency),
          cover_key: p.coverKey,
          position: index,
          created_at: at,
          updated_at: at,
          published_at: at,
        })
        .execute();
      for (const [position, f] of p.files.entries()) {
        const stored = { ...f.object, fileName: f.fileName, contentType: contentTypeFor(f.fileName) };
        await addFileRows(trx, { productId, name: f.name, position, stored, now: at });
      }
    }
    // A welcome at the top of the home page, as a creator would write one (the intro editor changes it).
    const intro = DEMO_INTRO[locale];
    await writeSetting(trx, INTRO_KEYS.headline, intro.headline);
    await writeSetting(trx, INTRO_KEYS.text, intro.text);
    return prepared.length;
  });
  if (added === 0) for (const key of stored) await services.storage.delete(key);
  return { added };
}
