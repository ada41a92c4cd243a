import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { BookingLocation, BookingStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { JobDefinition } from '../../jobs/define.js';
import { allJobs } from '../../jobs/registry.js';
import { Worker } from '../../jobs/worker.js';
import type { Services } from '../../services.js';
import type { TestApp } from '../../testing/app.js';
import { createTestDatabase } from '../../testing/database.js';
import { registerMessages } from '../../web/messages.js';
import { registerEmailTemplates } from '../email/templates.js';
import { type Mailer, outboxMailer } from '../email/transport.js';
import { orderCoreOf } from '../index.js';
import { seedProduct } from '../orders/testing.js';
import { clearSettingsCache } from '../settings/store-settings.js';
import { localStorageIn } from '../storage/storage.js';
import { setWeeklyHours } from './availability.js';
import { bookingsEmailTemplates } from './email-templates.js';
import { bookingMailJobs } from './mail.jobs.js';
import { bookingsMailMessages } from './mail-messages.js';
import { registerBookingPublicRoutes } from './manage.routes.js';

/*
 * Test-only helpers for bookings' emails, booking page and feed: an app with
 * these routes and job handlers (also while the feature list does not have
 * them yet), a session type open around the clock, bookings written directly
 * (as the checkout would).
 */

export const MEETING_URL = 'https://meet.example/room/privat-0815?pwd=geheim';
export const HOUR = 3600_000;

/** A real app over a fresh database, with the booking page, the feed and the bookings' job handlers. */
export async function buildBookingTestApp(opts: { env?: Record<string, string>; mailer?: Mailer } = {}) {
  registerMessages([bookingsMailMessages]);
  registerEmailTemplates([bookingsEmailTemplates]);
  const database = await createTestDatabase();
  clearSettingsCache();
  const config = {
    ...loadConfig({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', ...opts.env }),
    databaseUrl: database.url,
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
  };
  const log = pino({ level: 'silent' });
  const services: Services = {
    config,
    database,
    mailer: opts.mailer ?? outboxMailer(),
    storage: localStorageIn(database.dataDir),
    log,
    orders: orderCoreOf(),
    nudgeWorker: () => {},
  };
  const app = await buildApp(services);
  if (!app.hasRoute({ method: 'GET', url: '/bookings/manage/:token' })) registerBookingPublicRoutes(app, services);
  await app.ready();
  const kinds = new Set(allJobs.map((j) => j.kind));
  const jobs = [...allJobs, ...(bookingMailJobs as readonly JobDefinition[]).filter((j) => !kinds.has(j.kind))];
  const worker = new Worker({ services, jobs, concurrency: 1, leaseMs: 30_000, log });
  const drainJobs = async () => {
    let n = 0;
    while (await worker.runOnce()) n++;
    return n;
  };
  const t: TestApp = {
    app,
    services,
    database,
    drainJobs,
    close: async () => {
      await app.close();
      services.mailer.close();
      await database.close();
    },
  };
  return t;
}

/** A published session type (60 minutes, slots on the hour), with the creator's hours around the clock. */
export async function seedBookingType(
  t: TestApp,
  opts: { title?: string; location?: BookingLocation; detail?: string; freeCancelHours?: number } = {},
) {
  const { db } = t.services.database;
  const product = await seedProduct(db, { title: opts.title ?? 'Mentoring Call', priceMinor: 4900 });
  const now = isoNow();
  await db
    .insertInto('booking_types')
    .values({
      product_id: product.id,
      duration_minutes: 60,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      min_notice_minutes: 0,
      horizon_days: 60,
      daily_cap: null,
      weekly_cap: null,
      slot_step_minutes: 60,
      location: opts.location ?? 'online',
      location_detail: opts.detail ?? MEETING_URL,
      questions: JSON.stringify([
        { id: 'goal', label: 'What would you like to talk about?', required: true },
        { id: 'phone', label: 'Phone number', required: false },
      ]),
      free_cancel_hours: opts.freeCancelHours ?? 24,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await setWeeklyHours(
    db,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
  );
  return product.id;
}

/** The start of the hour `hours` from now. */
export function hourFromNow(hours: number): string {
  return new Date(Math.floor((Date.now() + hours * HOUR) / HOUR) * HOUR).toISOString();
}

/** A booking of one hour at `start`, confirmed unless told, with its 256-bit manage token. */
export async function seedBooking(
  t: TestApp,
  productId: string,
  start: string,
  opts: {
    status?: BookingStatus;
    orderId?: string | null;
    email?: string;
    locale?: string;
    clientTimeZone?: string | null;
  } = {},
) {
  const { db } = t.services.database;
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const end = new Date(Date.parse(start) + HOUR).toISOString();
  const now = isoNow();
  await db
    .insertInto('bookings')
    .values({
      id,
      product_id: productId,
      order_id: opts.orderId ?? null,
      email: opts.email ?? 'ada@example.com',
      name: 'Ada Lovelace',
      locale: opts.locale ?? 'en',
      client_time_zone: opts.clientTimeZone === undefined ? null : opts.clientTimeZone,
      starts_at: start,
      ends_at: end,
      block_start: start,
      block_end: end,
      status: opts.status ?? 'confirmed',
      hold_expires_at: null,
      answers: JSON.stringify({ goal: 'Pricing my first course' }),
      manage_token: token,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, token };
}
