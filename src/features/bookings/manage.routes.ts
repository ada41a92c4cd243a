import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Booking } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { isTimeZone } from '../analytics/time-zone.js';
import { bookingCalendarFeed, isCalendarFeedToken } from './calendar-feed.js';
import { answersOf, findBookingTypeInfo, zoneOf } from './mails.js';
import {
  cancelBooking,
  clientTerms,
  findBookingByToken,
  meetingLinkOpen,
  rescheduleBooking,
  rescheduleSlots,
} from './manage.js';
import { type ManageNotice, ManagePage } from './manage.page.js';

const tokenParams = z.object({ token: z.string().max(100) });
const manageQuery = z.object({
  tz: z.string().max(64).optional(),
  step: z.enum(['view', 'cancel', 'reschedule']).default('view'),
  done: z.enum(['cancelled', 'cancelled-refund', 'rescheduled']).optional(),
});
const rescheduleForm = z.object({ start: z.string().max(40).default('') });

/**
 * The client's booking page (`/bookings/manage/<token>`, no login: the
 * 256-bit token from their emails is the key) with cancel and reschedule,
 * and the creator's calendar feed (`/bookings/calendar/<token>.ics`).
 */
export function registerBookingPublicRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const rateLimit = { max: services.config.checkoutRatePerMinute, timeWindow: '1 minute' };

  const bookingOf = async (token: string) => {
    const booking = await findBookingByToken(db, token);
    // A held, released or sold-out booking has no page: only what was paid for.
    if (!booking || (booking.status !== 'confirmed' && booking.status !== 'cancelled'))
      throw notFound('Booking not found');
    const info = await findBookingTypeInfo(db, booking.product_id);
    if (!info) throw notFound('Booking not found');
    return { booking, info };
  };

  const render = async (
    req: Parameters<typeof pageContext>[0],
    reply: FastifyReply,
    booking: Booking,
    info: Awaited<ReturnType<typeof findBookingTypeInfo>> & object,
    opts: { tz?: string | undefined; step: 'view' | 'cancel' | 'reschedule'; notice?: ManageNotice | undefined },
    status = 200,
  ) => {
    const ctx = await pageContext(req, reply, services);
    const now = new Date();
    const zone = opts.tz && isTimeZone(opts.tz) ? opts.tz : zoneOf(booking, ctx.timeZone);
    const terms = clientTerms(booking, info.freeCancelHours, now);
    let meetingUrl: string | undefined;
    if (info.location === 'online' && meetingLinkOpen(booking, now)) {
      const row = await db
        .selectFrom('booking_types')
        .select('location_detail')
        .where('product_id', '=', booking.product_id)
        .executeTakeFirst();
      meetingUrl = row?.location_detail || undefined;
    }
    const slots = opts.step === 'reschedule' && terms.reschedulable ? await rescheduleSlots(db, booking, now) : [];
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      ManagePage({
        ctx,
        booking,
        info,
        answers: answersOf(booking, info),
        terms,
        zone,
        meetingUrl,
        now,
        step: opts.step,
        slots,
        notice: opts.notice,
      }),
      status,
    );
  };

  const redirectTo = (token: string, tz: string | undefined, done: string) =>
    `/bookings/manage/${token}?${new URLSearchParams({ ...(tz ? { tz } : {}), done }).toString()}`;

  app.get(
    '/bookings/manage/:token',
    { schema: { params: tokenParams, querystring: manageQuery }, config: { rateLimit } },
    async (req, reply) => {
      const { booking, info } = await bookingOf(req.params.token);
      return render(req, reply, booking, info, { tz: req.query.tz, step: req.query.step, notice: req.query.done });
    },
  );

  app.post(
    '/bookings/manage/:token/cancel',
    { schema: { params: tokenParams, querystring: manageQuery }, config: { rateLimit } },
    async (req, reply) => {
      const { booking, info } = await bookingOf(req.params.token);
      const terms = clientTerms(booking, info.freeCancelHours, new Date());
      const outcome = await cancelBooking(
        services,
        booking.id,
        { by: 'client', refund: terms.refundable },
        `client:${booking.email}`,
      );
      if (outcome === 'cancelled')
        return reply
          .header('cache-control', 'no-store')
          .redirect(
            redirectTo(booking.manage_token, req.query.tz, terms.refundable ? 'cancelled-refund' : 'cancelled'),
            303,
          );
      const fresh = (await findBookingByToken(db, booking.manage_token)) ?? booking;
      return render(
        req,
        reply,
        fresh,
        info,
        { tz: req.query.tz, step: 'view', notice: outcome === 'started' ? 'started' : undefined },
        409,
      );
    },
  );

  app.post(
    '/bookings/manage/:token/reschedule',
    { schema: { params: tokenParams, querystring: manageQuery }, config: { rateLimit } },
    async (req, reply) => {
      const { booking, info } = await bookingOf(req.params.token);
      const { start } = rescheduleForm.parse(req.body ?? {});
      const outcome = await rescheduleBooking(services, booking.id, start, `client:${booking.email}`, {
        by: 'client',
      });
      if (outcome === 'rescheduled')
        return reply
          .header('cache-control', 'no-store')
          .redirect(redirectTo(booking.manage_token, req.query.tz, 'rescheduled'), 303);
      const notice: ManageNotice | undefined =
        outcome === 'slot-taken' ? 'taken' : outcome === 'too-late' ? 'too-late' : undefined;
      const fresh = (await findBookingByToken(db, booking.manage_token)) ?? booking;
      return render(req, reply, fresh, info, { tz: req.query.tz, step: 'reschedule', notice }, 409);
    },
  );

  app.get(
    '/bookings/calendar/:file',
    { schema: { params: z.object({ file: z.string().max(100) }) }, config: { rateLimit } },
    async (req, reply) => {
      const token = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : '';
      if (!(await isCalendarFeedToken(db, token))) throw notFound('Calendar not found');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await bookingCalendarFeed(services));
    },
  );
}
