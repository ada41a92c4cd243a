import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { csvFileName } from '../orders/csv.js';
import { AttendeesPage } from './admin-attendees.pages.js';
import { eventEditor, eventParams } from './admin-editor.js';
import type { FailedForm } from './admin-event.pages.js';
import { attendeesCsv, listAttendees, listSessionRows } from './attendees.js';
import { checkIn, findTicketByToken, seatToCheckIn, undoCheckIn } from './check-in.js';
import { CheckInPage } from './check-in.pages.js';
import { checkMessage, messageForm } from './event-input.js';
import { messageAttendees } from './session-changes.js';

const ticketParams = eventParams.extend({ ticketId: z.uuid() });
const tokenParams = z.object({ token: z.string().max(200) });
const sessionQuery = z.object({
  session: z.uuid().optional().catch(undefined),
  queued: z.coerce.number().int().min(0).optional().catch(undefined),
  result: z.enum(['ok']).optional().catch(undefined),
});
const checkInForm = z.object({
  session: z.string().max(60).default(''),
  do: z.enum(['in', 'undo']).catch('in'),
  back: z.string().max(60).optional(),
});

/** An event's attendees (list, CSV, message to all, check-in from the list) and the check-in page a ticket's QR code opens. */
export function registerAttendeeAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const { eventOr404 } = eventEditor(services);

  /** The event's sessions, and the filter when it names one of them. */
  const sessionsOf = async (id: string, asked: string | undefined) => {
    const sessions = await listSessionRows(db, id);
    return { sessions, sessionId: sessions.some((s) => s.id === asked) ? asked : undefined };
  };

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { session?: string | undefined; notice?: string; error?: string; failed?: FailedForm },
    status = 200,
  ) => {
    const { product } = await eventOr404(id);
    const [ctx, { sessions, sessionId }] = await Promise.all([
      adminPageContext(req, reply, services),
      sessionsOf(id, extra.session),
    ]);
    const rows = await listAttendees(db, id, sessionId);
    return sendPage(reply, AttendeesPage({ ctx, product, sessions, sessionId, rows, ...extra }), status);
  };

  app.get(
    '/admin/events/:id/attendees',
    { ...guard, schema: { params: eventParams, querystring: sessionQuery } },
    async (req, reply) => {
      const { session, queued } = req.query;
      if (queued === undefined) return show(req, reply, req.params.id, { session });
      const ctx = await adminPageContext(req, reply, services);
      return show(req, reply, req.params.id, { session, notice: ctx.t('events.admin.notice.queued', { n: queued }) });
    },
  );

  app.get(
    '/admin/events/:id/attendees.csv',
    { ...guard, schema: { params: eventParams, querystring: sessionQuery } },
    async (req, reply) => {
      const { product } = await eventOr404(req.params.id);
      const [ctx, { sessionId }] = await Promise.all([
        adminPageContext(req, reply, services),
        sessionsOf(product.id, req.query.session),
      ]);
      const rows = await listAttendees(db, product.id, sessionId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(`attendees-${product.slug}`)}"`)
        .header('cache-control', 'no-store')
        .send(attendeesCsv(rows, ctx.timeZone));
    },
  );

  app.post(
    '/admin/events/:id/attendees/:ticketId/check-in',
    { ...guard, schema: { params: ticketParams } },
    async (req, reply) => {
      const { id, ticketId } = req.params;
      await eventOr404(id);
      const form = checkInForm.parse(req.body ?? {});
      const ticket = await db
        .selectFrom('event_tickets')
        .select('id')
        .where('id', '=', ticketId)
        .where('product_id', '=', id)
        .executeTakeFirst();
      if (!ticket) throw notFound('Ticket not found');
      if (form.do === 'undo') {
        if (!(await undoCheckIn(db, ticketId, form.session))) throw notFound('Seat not found');
      } else if ((await checkIn(db, ticketId, form.session)) === 'not-valid') {
        const ctx = await adminPageContext(req, reply, services);
        return show(req, reply, id, { session: form.back, error: ctx.t('events.admin.checkIn.refusedInList') }, 400);
      }
      const back = form.back && /^[0-9a-f-]{36}$/.test(form.back) ? `?session=${form.back}` : '';
      return reply.redirect(`/admin/events/${id}/attendees${back}`, 303);
    },
  );

  app.post('/admin/events/:id/attendees/message', { ...guard, schema: { params: eventParams } }, async (req, reply) => {
    const { id } = req.params;
    await eventOr404(id);
    const form = messageForm.parse(req.body ?? {});
    const { sessions } = await sessionsOf(id, undefined);
    const open = new Set(sessions.filter((s) => s.status === 'scheduled').map((s) => s.id));
    const checked = checkMessage(form, open);
    if (!checked.ok)
      return show(req, reply, id, { failed: { form: 'message', values: form, errors: checked.errors } }, 400);
    const n = await messageAttendees(services, { productId: id, ...checked.value }, currentAdmin(req).user.email);
    const session = checked.value.sessionId ? `&session=${checked.value.sessionId}` : '';
    return reply.redirect(`/admin/events/${id}/attendees?queued=${n}${session}`, 303);
  });

  // The page a ticket's QR code opens (see check-in.ts); an unknown code is a 404 that says so.
  app.get(
    '/admin/events/check-in/:token',
    { ...guard, schema: { params: tokenParams, querystring: sessionQuery } },
    async (req, reply) => {
      const { token } = req.params;
      const [ctx, ticket] = await Promise.all([adminPageContext(req, reply, services), findTicketByToken(db, token)]);
      const seat = ticket ? seatToCheckIn(ticket.seats, ctx.timeZone, req.query.session) : undefined;
      return sendPage(
        reply,
        CheckInPage({ ctx, token, ticket, seat, justCheckedIn: req.query.result === 'ok' }),
        ticket ? 200 : 404,
      );
    },
  );

  app.post('/admin/events/check-in/:token', { ...guard, schema: { params: tokenParams } }, async (req, reply) => {
    const { token } = req.params;
    const ticket = await findTicketByToken(db, token);
    if (!ticket) throw notFound('Ticket not found');
    const form = checkInForm.parse(req.body ?? {});
    const seat = ticket.seats.find((s) => s.session_id === form.session);
    if (!seat) throw notFound('Seat not found');
    const result = await checkIn(db, ticket.id, seat.session_id);
    const page = `/admin/events/check-in/${encodeURIComponent(token)}?session=${seat.session_id}`;
    // Refused or already done: the page says why (the ticket's or session's state, or when it was checked in).
    return reply.redirect(result === 'ok' ? `${page}&result=ok` : page, 303);
  });
}
