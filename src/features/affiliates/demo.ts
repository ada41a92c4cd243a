import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { addDays, localDay } from '../analytics/time-zone.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { readProgramme } from './programme-settings.js';
import { readTaxDetails, saveTaxDetails } from './tax-details.js';

const DAY_MS = 86_400_000;

/** The demo's partners: a German small business (§ 19 UStG), an Austrian company with a VAT ID, one applicant. */
export const DEMO_AFFILIATES = [
  {
    code: 'lena-vogt',
    email: 'lena.vogt@example.com',
    name: 'Lena Vogt',
    website: 'https://lenavogt.example.com',
    tax: {
      legalName: 'Lena Vogt Mediendesign',
      street: 'Oranienstraße 12',
      postcode: '10999',
      city: 'Berlin',
      country: 'DE',
      vatStatus: 'small_business',
      taxNumber: '29/123/45678',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      accountHolder: 'Lena Vogt',
    },
  },
  {
    code: 'alpenblick',
    email: 'partner@alpenblick.example.at',
    name: 'Alpenblick Digital GmbH',
    website: 'https://alpenblick.example.at',
    tax: {
      legalName: 'Alpenblick Digital GmbH',
      street: 'Mariahilfer Straße 45',
      postcode: '1060',
      city: 'Wien',
      country: 'AT',
      vatStatus: 'regular',
      vatId: 'ATU13585627',
      iban: 'AT611904300234573201',
      bic: 'BKAUATWW',
      accountHolder: 'Alpenblick Digital GmbH',
    },
  },
] as const;

const APPLICANT = {
  code: 'sam-keller',
  email: 'sam.keller@example.org',
  name: 'Sam Keller',
  website: 'https://samkeller.example.org/newsletter',
  note: 'I write a weekly newsletter for freelance designers (about 2,400 readers) and would like to recommend your e-book.',
};

/**
 * The affiliate programme's demo partners with their tax details and a
 * plausible trickle of clicks over the last 60 days. Runs at every demo start:
 * a partner that exists (by address) is left alone. Their commissions need
 * the history's orders: `addDemoCommissions` writes them afterwards.
 */
export async function addDemoAffiliates(services: Services, now: Date): Promise<void> {
  const { db } = services.database;
  const [programme, store] = await Promise.all([readProgramme(db), getStoreSettings(db)]);
  const joined = new Date(now.getTime() - 400 * DAY_MS).toISOString();
  const base = {
    commission_kind: 'percent' as const,
    commission_percent_bp: programme.percentBp,
    cookie_days: programme.cookieDays,
    currency: store.currency,
    updated_at: joined,
  };
  const rows = [
    ...DEMO_AFFILIATES.map((a) => ({
      id: randomUUID(),
      code: a.code,
      email: a.email,
      name: a.name,
      website: a.website,
      // Every row names every column: a multi-row insert gives a missing one NULL, not its default.
      note: '',
      status: 'approved' as const,
      created_at: joined,
      approved_at: joined,
      ...base,
    })),
    {
      id: randomUUID(),
      ...APPLICANT,
      status: 'applied' as const,
      created_at: new Date(now.getTime() - 2 * DAY_MS).toISOString(),
      approved_at: null,
      ...base,
    },
  ];
  const added = await db
    .insertInto('affiliates')
    .values(rows)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email'])
    .execute();
  for (const a of DEMO_AFFILIATES) {
    const row = added.find((r) => r.email === a.email);
    if (!row) continue;
    // Through the portal form's own reader: the demo's details are ones a partner could save.
    const read = readTaxDetails(a.tax);
    if (!read.ok) throw new Error(`demo affiliate ${a.code}: invalid tax details ${JSON.stringify(read.errors)}`);
    await saveTaxDetails(db, row.id, read.details);
  }
  if (added.length > 0) await addDemoClicks(db, added, localDay(now, store.timeZone));
}

/** Some clicks a day for 60 days, to the store and to a product; the same every time (no randomness). */
async function addDemoClicks(db: Db, affiliates: { id: string; email: string }[], today: string): Promise<void> {
  const products = await db
    .selectFrom('products')
    .select('id')
    .where('kind', 'in', ['download', 'course'])
    .orderBy('created_at')
    .limit(2)
    .execute();
  const targets = ['', ...products.map((p) => p.id)];
  const rows = [];
  for (const [i, a] of affiliates.entries()) {
    if (a.email === APPLICANT.email) continue;
    for (let d = 0; d < 60; d++) {
      for (const [k, productId] of targets.entries()) {
        const clicks = ((d * 7 + i * 5 + k * 3) % 9) + (i === 0 ? 2 : 0) - k;
        if (clicks > 0) rows.push({ affiliate_id: a.id, product_id: productId, day: addDays(today, -d), clicks });
      }
    }
  }
  if (rows.length > 0)
    await db
      .insertInto('affiliate_clicks')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}
