import type { BookingStatus, Db, Pricing, ProductStatus } from '../../db/schema.js';
import { localDay } from '../analytics/time-zone.js';
import { localInputToUtc } from '../posts/local-time.js';
import { questionsOf } from './questions.js';

/** What the creator's bookings pages read: session types, bookings by view, this month's figures. */

export type BookingTypeListRow = {
  product_id: string;
  title: string;
  status: ProductStatus;
  duration_minutes: number;
  pricing: Pricing;
  price_minor: number;
  min_price_minor: number;
  suggested_price_minor: number | null;
  currency: string;
};

export async function listBookingTypes(db: Db): Promise<BookingTypeListRow[]> {
  return db
    .selectFrom('booking_types as t')
    .innerJoin('products as p', 'p.id', 't.product_id')
    .select(['t.product_id', 'p.title', 'p.status', 't.duration_minutes', 'p.pricing', 'p.price_minor'])
    .select(['p.min_price_minor', 'p.suggested_price_minor', 'p.currency'])
    .where('p.kind', '=', 'booking')
    .orderBy('p.title')
    .orderBy('t.product_id')
    .execute();
}

export const BOOKING_VIEWS = ['upcoming', 'past', 'cancelled'] as const;
export type BookingView = (typeof BOOKING_VIEWS)[number];

export type AdminBookingRow = {
  id: string;
  product_id: string;
  type_title: string;
  name: string;
  email: string;
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  order_id: string | null;
  order_number: string | null;
  answers: { question: string; answer: string }[];
};

export const LIST_LIMIT = 200;

/**
 * Bookings in a view: upcoming (confirmed, or held while the client pays,
 * not yet ended; soonest first), past (confirmed and ended; latest first),
 * cancelled (cancelled, or paid too late for a time already taken; latest first).
 */
export async function listAdminBookings(db: Db, view: BookingView, now: Date): Promise<AdminBookingRow[]> {
  const at = now.toISOString();
  let q = db
    .selectFrom('bookings as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .innerJoin('booking_types as t', 't.product_id', 'b.product_id')
    .leftJoin('orders as o', 'o.id', 'b.order_id')
    .select(['b.id', 'b.product_id', 'p.title as type_title', 'b.name', 'b.email', 'b.starts_at', 'b.ends_at'])
    .select(['b.status', 'b.order_id', 'o.number as order_number', 'b.answers', 't.questions']);
  if (view === 'upcoming')
    q = q.where('b.status', 'in', ['confirmed', 'held']).where('b.ends_at', '>', at).orderBy('b.starts_at', 'asc');
  else if (view === 'past')
    q = q.where('b.status', '=', 'confirmed').where('b.ends_at', '<=', at).orderBy('b.starts_at', 'desc');
  else q = q.where('b.status', 'in', ['cancelled', 'sold_out']).orderBy('b.starts_at', 'desc');
  const rows = await q.orderBy('b.id').limit(LIST_LIMIT).execute();
  return rows.map(({ answers, questions, ...b }) => ({ ...b, answers: answersWithQuestions(answers, questions) }));
}

/** The client's answers, each with its question's current text, in the questions' order. */
function answersWithQuestions(answersJson: string, questionsJson: string) {
  let answers: Record<string, unknown> = {};
  try {
    answers = JSON.parse(answersJson) ?? {};
  } catch {}
  return questionsOf({ questions: questionsJson }).flatMap((q) => {
    const a = answers[q.id];
    return typeof a === 'string' && a.trim() ? [{ question: q.label, answer: a.trim() }] : [];
  });
}

export type MonthSummary = { sessions: number; minutes: number; income: { currency: string; minor: number }[] };

/**
 * This month on the store's clock: the confirmed sessions starting in it, their
 * length, and what their orders brought in (paid less refunded, VAT included).
 */
export async function monthSummary(db: Db, timeZone: string, now: Date): Promise<MonthSummary> {
  const month = localDay(now, timeZone).slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const from = localInputToUtc(`${month}-01T00:00`, timeZone)?.toISOString() ?? `${month}-01T00:00:00.000Z`;
  const to = localInputToUtc(`${next}-01T00:00`, timeZone)?.toISOString() ?? `${next}-01T00:00:00.000Z`;
  const rows = await db
    .selectFrom('bookings as b')
    .leftJoin('orders as o', 'o.id', 'b.order_id')
    .select(['b.starts_at', 'b.ends_at', 'b.order_id', 'o.total_minor', 'o.refunded_minor', 'o.currency'])
    .where('b.status', '=', 'confirmed')
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .execute();
  let minutes = 0;
  const orders = new Set<string>();
  const income = new Map<string, number>();
  for (const r of rows) {
    minutes += Math.round((Date.parse(r.ends_at) - Date.parse(r.starts_at)) / 60_000);
    if (!r.order_id || orders.has(r.order_id) || !r.currency) continue;
    orders.add(r.order_id);
    const kept = Math.max(0, (r.total_minor ?? 0) - (r.refunded_minor ?? 0));
    income.set(r.currency, (income.get(r.currency) ?? 0) + kept);
  }
  return {
    sessions: rows.length,
    minutes,
    income: [...income].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => b.minor - a.minor),
  };
}
