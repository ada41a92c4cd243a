import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { localDay } from '../analytics/time-zone.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import {
  addOverride,
  listOverrides,
  removeOverride,
  setWeeklyHours,
  upcomingLeave,
  weeklyHours,
} from './availability.js';
import { AvailabilityPage, type FailedForm } from './availability.page.js';
import {
  calendarForm,
  checkCalendarUrl,
  checkOverride,
  checkWeekly,
  type FormErrors,
  overrideForm,
  weeklyForm,
} from './availability-input.js';
import { CALENDAR_URL_KEY, clearBusyCache } from './busy-source.js';

const BASE = '/admin/bookings/availability';
const NOTICES = ['weekly', 'added', 'removed', 'calendar'] as const;
const noticeQuery = z.object({ done: z.enum(NOTICES).optional().catch(undefined) });
const overrideParams = z.object({ id: z.uuid() });

/** The creator's availability for bookable sessions: weekly hours, date overrides, leave (read-only), calendar. */
export function registerAvailabilityRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { failed?: FailedForm; notice?: string } = {},
    status = 200,
  ) => {
    const ctx = await adminPageContext(req, reply, services);
    const today = localDay(new Date(), ctx.timeZone);
    const [weekly, overrides, leave, calendarUrl] = await Promise.all([
      weeklyHours(db),
      listOverrides(db, today),
      upcomingLeave(db, today),
      readSetting(db, CALENDAR_URL_KEY),
    ]);
    const page = AvailabilityPage({ ctx, weekly, overrides, leave, calendarUrl: calendarUrl ?? '', ...extra });
    return sendPage(reply, page, status);
  };
  const refuse = (
    req: FastifyRequest,
    reply: FastifyReply,
    form: FailedForm['form'],
    values: Record<string, string | undefined>,
    errors: FormErrors,
  ) => {
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
    return show(req, reply, { failed: { form, values: typed, errors } }, 400);
  };
  const done = (reply: FastifyReply, notice: (typeof NOTICES)[number]) => reply.redirect(`${BASE}?done=${notice}`, 303);

  app.get(BASE, { ...guard, schema: { querystring: noticeQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const { done: n } = req.query;
    return show(req, reply, n ? { notice: ctx.t(`bookings.availability.notice.${n}`) } : {});
  });

  app.post(`${BASE}/weekly`, guard, async (req, reply) => {
    const { _csrf, ...form } = weeklyForm.parse(req.body ?? {});
    const checked = checkWeekly(form);
    if (!checked.ok) return refuse(req, reply, 'weekly', form, checked.errors);
    const problem = await setWeeklyHours(db, checked.value);
    if (problem) return refuse(req, reply, 'weekly', form, { w1: 'bookings.availability.error.overlap' });
    await recordAudit(db, actor(req), 'availability.weekly-saved', { windows: checked.value.length });
    return done(reply, 'weekly');
  });

  app.post(`${BASE}/overrides`, guard, async (req, reply) => {
    const form = overrideForm.parse(req.body ?? {}) as Record<string, string>;
    const ctx = await adminPageContext(req, reply, services);
    const checked = checkOverride(form, localDay(new Date(), ctx.timeZone));
    if (!checked.ok) return refuse(req, reply, 'override', form, checked.errors);
    const { day, windows, note } = checked.value;
    const problem = await addOverride(db, day, windows, note);
    if (problem) return refuse(req, reply, 'override', form, { windows: 'bookings.availability.error.overlap' });
    await recordAudit(db, actor(req), 'availability.override-saved', { day });
    return done(reply, 'added');
  });

  app.post(`${BASE}/overrides/:id/delete`, { ...guard, schema: { params: overrideParams } }, async (req, reply) => {
    if (await removeOverride(db, req.params.id))
      await recordAudit(db, actor(req), 'availability.override-removed', { id: req.params.id });
    return done(reply, 'removed');
  });

  app.post(`${BASE}/calendar`, guard, async (req, reply) => {
    const form = calendarForm.parse(req.body ?? {});
    const checked = checkCalendarUrl(form.calendarUrl);
    if (!checked.ok) return refuse(req, reply, 'calendar', form, checked.errors);
    await writeSetting(db, CALENDAR_URL_KEY, checked.value);
    clearBusyCache();
    // The address is a secret: the audit says only whether one is set.
    await recordAudit(db, actor(req), 'availability.calendar-saved', { calendar: checked.value !== '' });
    return done(reply, 'calendar');
  });
}
