import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { demoPrice } from '../catalog/demo-products.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';
import { createBookingType, saveBookingType } from './edit-booking-type.js';

const DEMO_CLAIM = 'demo.bookings_added';

const DEMO_TYPE: Record<Locale, { title: string; summary: string; description: string; question: string }> = {
  en: {
    title: 'Garden consultation (60 minutes)',
    summary: 'One hour on your garden, online: plan, plants, next steps.',
    description:
      'Send a few photos beforehand; we go through your plot together and you leave with a plan for the season.',
    question: 'What would you like to talk about?',
  },
  de: {
    title: 'Gartenberatung (60 Minuten)',
    summary: 'Eine Stunde zu Ihrem Garten, online: Plan, Pflanzen, nächste Schritte.',
    description:
      'Schicken Sie vorab ein paar Fotos; wir gehen Ihr Grundstück gemeinsam durch, und Sie haben danach einen Plan für die Saison.',
    question: 'Worüber möchten Sie sprechen?',
  },
};

/** The demo store's bookable session and the creator's weekly hours (Monday to Friday, 9–17); runs once. */
export async function addDemoBookings(db: Kysely<DB>): Promise<{ added: number }> {
  if (!(await claimSetting(db, DEMO_CLAIM, isoNow()))) return { added: 0 };
  const { locale, currency } = await getStoreSettings(db);
  const text = DEMO_TYPE[locale];
  const productId = await createBookingType(db, text.title, 'demo');
  await saveBookingType(db, productId, {
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    minNoticeMinutes: 24 * 60,
    horizonDays: 42,
    dailyCap: 3,
    weeklyCap: null,
    slotStepMinutes: 60,
    location: 'online',
    locationDetail: 'https://meet.jit.si/vielfach-demo-consultation',
    questions: [{ id: 'topic', label: text.question, required: true }],
    freeCancelHours: 24,
  });
  await db
    .updateTable('products')
    .set({
      summary: text.summary,
      description_md: text.description,
      status: 'published',
      published_at: isoNow(),
      pricing: 'fixed',
      price_minor: demoPrice(90, currency),
    })
    .where('id', '=', productId)
    .execute();
  const hours = await db.selectFrom('availability_rules').select('id').limit(1).execute();
  if (hours.length === 0)
    await db
      .insertInto('availability_rules')
      .values(
        [1, 2, 3, 4, 5].map((weekday) => ({ id: randomUUID(), weekday, start_minute: 9 * 60, end_minute: 17 * 60 })),
      )
      .execute();
  return { added: 1 };
}
