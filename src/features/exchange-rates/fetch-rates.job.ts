import type { Config } from '../../config.js';
import type { Db } from '../../db/schema.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { addDays, isPublicationDay } from './ecb-calendar.js';
import { importRates } from './import-rates.js';
import { fetchRatesJob } from './job-contracts.js';

/** The ECB publishes at about 16:00 CET (14:00–15:00 UTC); fetching at 16:00 UTC finds the day's file. */
const FETCH_AT_UTC = 'T16:00:00.000Z';
/** A reference-rate file is a few kilobytes (the 90-day file ~100 KB): anything far larger is not one. */
const MAX_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * Daily download of the ECB reference rates (EXCHANGE_RATES_URL) into
 * `exchange_rates`. Each run schedules the next day's first, so a failure
 * never ends the chain; a failing download is logged and retried with
 * backoff (12 attempts reach about an hour: the ECB is sometimes late), and
 * a day still missing shows in the OSS report, which offers the import.
 * Idempotent: the import keeps stored rates.
 */
export const fetchRatesHandler = handleJob(fetchRatesJob, async ({ day }, { db, services, log, signal }) => {
  if (!(await rateFetchWanted(db, services.config))) {
    log.info('exchange rates: daily fetch not needed (EXCHANGE_RATES_FETCH, store currencies); chain ended');
    return;
  }
  // After downtime the next run is today's: one catch-up run, not one per missed day (the daily file
  // only ever holds the latest day; a missed day shows in the OSS report).
  const today = new Date().toISOString().slice(0, 10);
  const [, later = today] = [addDays(day, 1), today].sort(); // ISO days sort as text
  await scheduleRateFetch(db, later);
  if (!isPublicationDay(day)) return; // weekends and TARGET holidays: nothing new is published
  try {
    const r = await fetchAndImport(services, signal);
    // The file still holds an older day: the ECB has not published yet. Try again later.
    if (r.lastDate < day) throw new Error(`the ECB file still holds ${r.lastDate}, not ${day}`);
    log.info({ day, imported: r.imported, lastDate: r.lastDate }, 'exchange rates fetched');
  } catch (err) {
    log.warn({ err, day, url: services.config.exchangeRatesUrl }, 'exchange rates: fetch failed, will retry');
    throw err;
  }
});

/** Downloads the configured file and imports it; throws on any failure (HTTP, size, format). */
export async function fetchAndImport(services: Services, signal?: AbortSignal) {
  const url = services.config.exchangeRatesUrl;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const res = await fetch(url, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    headers: { accept: 'application/xml, text/xml, text/csv' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
  if (Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) throw new Error(`${url} is too large`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new Error(`${url} is too large`);
  const r = await importRates(services.database.db, { text, source: 'fetch' });
  if (!r.ok) throw new Error(`${url} is not an ECB reference-rate file (${r.error})`);
  return r;
}

/**
 * Whether to fetch at all: EXCHANGE_RATES_FETCH=on or off decides; auto
 * (the default) fetches only while the store sells in another currency than
 * EUR (store currency, a product or tier price, or an issued invoice), so an
 * EUR-only store never calls the ECB.
 */
export async function rateFetchWanted(db: Db, config: Pick<Config, 'exchangeRatesFetch'>): Promise<boolean> {
  if (config.exchangeRatesFetch !== 'auto') return config.exchangeRatesFetch === 'on';
  if ((await getStoreSettings(db)).currency !== 'EUR') return true;
  const other = (table: 'products' | 'membership_tiers' | 'invoices') =>
    db.selectFrom(table).select('currency').where('currency', '<>', 'EUR').limit(1).executeTakeFirst();
  for (const table of ['products', 'membership_tiers', 'invoices'] as const) if (await other(table)) return true;
  return false;
}

/** One run per UTC day (its unique key), at 16:00 UTC or at once if that has passed; a no-op when scheduled. */
export async function scheduleRateFetch(db: Db, day: string): Promise<void> {
  const runAt = new Date(Math.max(Date.parse(`${day}${FETCH_AT_UTC}`), Date.now()));
  await enqueueJob(db, fetchRatesJob, { day }, { uniqueKey: `exchange-rates.fetch:${day}`, runAt });
}

/** At server start: begins the daily chain when it is wanted. */
export async function startRateFetching(db: Db, config: Pick<Config, 'exchangeRatesFetch'>): Promise<boolean> {
  if (!(await rateFetchWanted(db, config))) return false;
  await scheduleRateFetch(db, new Date().toISOString().slice(0, 10));
  return true;
}
