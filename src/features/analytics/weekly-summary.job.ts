import { formatMoney } from '../../domain/money.js';
import { handleJob } from '../../jobs/define.js';
import { enqueueJob } from '../../jobs/queue.js';
import { isLocale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { earnedOf, loadAnalytics } from './dashboard-data.js';
import { weeklySummaryJob } from './job-contracts.js';
import { hourlyRateMinor, passiveShare } from './leverage.js';
import { getAnalyticsSettings } from './settings.js';
import { addDays, isoWeek, localDay, weekStart } from './time-zone.js';

const WEEK_MS = 7 * 86_400_000;

/** Next Monday 07:00 UTC after `from`: the week just ended is complete in every European zone. */
export function nextRun(from: Date): Date {
  const day = from.toISOString().slice(0, 10);
  const monday = addDays(weekStart(day), 7);
  return new Date(`${monday}T07:00:00.000Z`);
}

/**
 * The creator's weekly summary of the week before `week` (an ISO week label).
 * Idempotent per week: the job is unique per week, and its email carries a
 * per-week key, so a rerun after a crash sends nothing twice.
 */
export const weeklySummaryHandler = handleJob(weeklySummaryJob, async ({ week }, { db, services }) => {
  await scheduleWeeklySummary(db, new Date(Date.now() + WEEK_MS));
  const settings = await getAnalyticsSettings(db);
  if (!settings.weeklyEmail) return;
  const store = await getStoreSettings(db);
  const data = await loadAnalytics(db, { currency: store.currency, range: 'all' });
  const end = addDays(weekStart(data.today), -1);
  const start = addDays(end, -6);
  const days = data.sales.filter((s) => s.day >= start && s.day <= end);
  const gross = days.reduce((a, s) => a + s.gross, 0);
  const net = days.reduce((a, s) => a + earnedOf(s), 0);
  const work = new Set([...data.productWork, ...data.clientWork].filter((w) => w.minutes > 0).map((w) => w.day));
  const passive = passiveShare(new Map(days.map((s) => [s.day, earnedOf(s)])), work, data.leave);
  const minutes = data.productWork.reduce((a, w) => a + w.minutes, 0);
  const allNet = data.sales.reduce((a, s) => a + earnedOf(s), 0);
  const rate = hourlyRateMinor(allNet, minutes);
  const admins = await db.selectFrom('admin_users').select(['id', 'email', 'locale']).execute();
  const base = services.config.publicUrl;
  for (const a of admins) {
    const locale = isLocale(a.locale) ? a.locale : store.locale;
    const money = (v: number) => formatMoney(v, store.currency, locale);
    await queueEmail(db, {
      to: a.email,
      locale,
      template: 'analytics-weekly',
      uniqueKey: `analytics-weekly:${week}:${a.id}`,
      data: {
        orders: days.reduce((x, s) => x + s.orders, 0),
        net: money(net),
        gross: money(gross),
        passive: money(passive.noWorkMinor),
        rate: rate === undefined ? '—' : money(rate),
        clientRate: settings.hourlyRateMinor ? money(settings.hourlyRateMinor) : '—',
        url: `${base}/admin/analytics`,
      },
    });
  }
});

/** Called at start and by each run (for the next week); a no-op when that week is already scheduled. */
export async function scheduleWeeklySummary(db: Parameters<typeof enqueueJob>[0], after: Date = new Date()) {
  const runAt = nextRun(after);
  const week = isoWeek(localDay(runAt, 'UTC'));
  await enqueueJob(db, weeklySummaryJob, { week }, { uniqueKey: `analytics-weekly:${week}`, runAt });
}
