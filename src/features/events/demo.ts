import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { addEffortEntry } from '../analytics/record-effort.js';
import { demoPrice } from '../catalog/demo-products.js';
import { localInputToUtc, utcToLocalInput } from '../posts/local-time.js';
import { claimSetting, getStoreSettings } from '../settings/store-settings.js';
import { addSession, addTicketType, createEvent, saveEventSettings } from './edit-event.js';
import { recordHeldSessions } from './session-hours.js';

const DEMO_CLAIM = 'demo.events_added';

type DemoEvent = {
  title: string;
  summary: string;
  description: string;
  early: string;
  regular: string;
  prep: string;
};

const DEMO_EVENT: Record<Locale, DemoEvent> = {
  en: {
    title: 'Live workshop: planting plan in an afternoon',
    summary: 'Three hours online, twelve participants, your own plot as the example.',
    description:
      'We draw a planting plan together, live. Bring a sketch of your garden; every participant gets feedback on theirs. The recording is available to all ticket holders afterwards.',
    early: 'Early bird',
    regular: 'Regular',
    prep: 'Workshop outline and example plans',
  },
  de: {
    title: 'Live-Workshop: Pflanzplan an einem Nachmittag',
    summary: 'Drei Stunden online, zwölf Teilnehmende, Ihr eigenes Grundstück als Beispiel.',
    description:
      'Wir zeichnen gemeinsam und live einen Pflanzplan. Bringen Sie eine Skizze Ihres Gartens mit; alle Teilnehmenden bekommen Rückmeldung zu ihrer. Die Aufzeichnung steht danach allen Ticketinhabern zur Verfügung.',
    early: 'Frühbucher',
    regular: 'Regulär',
    prep: 'Ablauf und Beispielpläne für den Workshop',
  },
};

/** The day `days` from now at `hour`:00 on the store's clock. */
function storeTimeIn(now: Date, days: number, hour: number, timeZone: string): Date {
  const day = utcToLocalInput(new Date(now.getTime() + days * 86_400_000).toISOString(), timeZone).slice(0, 10);
  return localInputToUtc(`${day}T${String(hour).padStart(2, '0')}:00`, timeZone) ?? new Date();
}

/** The demo store's live workshop: two dates in the coming weeks, early bird and regular tickets; runs once. */
export async function addDemoEvent(db: Kysely<DB>, now: Date): Promise<{ added: number }> {
  if (!(await claimSetting(db, DEMO_CLAIM, isoNow()))) return { added: 0 };
  const { locale, currency, timeZone } = await getStoreSettings(db);
  const text = DEMO_EVENT[locale];
  const productId = await createEvent(db, text.title, 'demo');
  await saveEventSettings(db, productId, {
    format: 'online',
    venue: '',
    meetingUrl: 'https://meet.jit.si/vielfach-demo-workshop',
    ticketScope: 'session',
    withdrawalRule: 'leisure',
    salesEndAt: null,
    offerHours: 24,
  });
  await db.deleteFrom('event_ticket_types').where('product_id', '=', productId).execute();
  await addTicketType(db, productId, {
    name: text.early,
    priceMinor: demoPrice(39, currency),
    availableUntil: storeTimeIn(now, 7, 0, timeZone).toISOString(),
  });
  await addTicketType(db, productId, { name: text.regular, priceMinor: demoPrice(49, currency), availableUntil: null });
  // One date already held (its hours recorded as work), two to come.
  for (const days of [-150, 12, 26]) {
    const start = storeTimeIn(now, days, 14, timeZone);
    await addSession(db, productId, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
      capacity: 12,
    });
  }
  await addEffortEntry(db, {
    productId,
    day: utcToLocalInput(storeTimeIn(now, -160, 12, timeZone).toISOString(), timeZone).slice(0, 10),
    minutes: 300,
    category: 'creation',
    note: text.prep,
  });
  await recordHeldSessions(db, now.toISOString());
  await db
    .updateTable('products')
    .set({ summary: text.summary, description_md: text.description, status: 'published', published_at: isoNow() })
    .where('id', '=', productId)
    .execute();
  return { added: 1 };
}
