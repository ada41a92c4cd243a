import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { checkInQrSvg } from './check-in.js';
import { findEvent, listSessions } from './queries.js';
import { sessionTimeLabel } from './session-time.js';
import { TicketPage, WaitlistPage } from './ticket.page.js';
import { findTicketFor } from './ticket-view.js';
import { joinWaitlist } from './waitlist.js';

const ticketParams = z.object({ id: z.uuid() });
const waitlistParams = z.object({ productId: z.uuid() });
const waitlistQuery = z.object({ session: z.uuid().optional() });
const waitlistForm = z.object({
  email: z.string().trim().max(320).default(''),
  name: z.string().trim().max(200).default(''),
});

/** The ticket page in the customer's library and the public waiting-list form. */
export function registerEventPublicRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  app.get(
    '/events/tickets/:id',
    { schema: { params: ticketParams }, preHandler: requireCustomer(services) },
    async (req, reply) => {
      const view = await findTicketFor(db, req.params.id, currentCustomer(req).email);
      // Another customer's ticket does not exist for this one.
      if (!view) throw notFound('Ticket not found');
      const ctx = await pageContext(req, reply, services);
      const qrSvg =
        view.event.format === 'onsite' && view.ticket.status === 'valid'
          ? await checkInQrSvg(services.config.publicUrl, view.ticket.check_in_token)
          : undefined;
      return sendPage(reply, TicketPage({ ctx, view, now: new Date(), qrSvg }));
    },
  );

  /** The session (or event) the list is for, if it is a scheduled one of an event. */
  const waitlistTarget = async (productId: string, sessionId: string | undefined) => {
    const event = await findEvent(db, productId);
    const product = await db
      .selectFrom('products')
      .select(['title', 'status'])
      .where('id', '=', productId)
      .executeTakeFirst();
    if (!event || product?.status !== 'published') return undefined;
    const sessions = await listSessions(db, productId);
    if (event.ticket_scope === 'all') return sessionId ? undefined : { title: product.title, session: undefined };
    const session = sessions.find((s) => s.id === sessionId && s.status === 'scheduled' && s.starts_at > isoNow());
    return session ? { title: product.title, session } : undefined;
  };

  app.get(
    '/events/:productId/waitlist',
    { schema: { params: waitlistParams, querystring: waitlistQuery } },
    async (req, reply) => {
      const target = await waitlistTarget(req.params.productId, req.query.session);
      if (!target) throw notFound('Waiting list not found');
      const ctx = await pageContext(req, reply, services);
      const when = target.session && sessionTimeLabel(target.session, ctx.locale, ctx.timeZone);
      return sendPage(reply, WaitlistPage({ ctx, title: target.title, when }));
    },
  );

  app.post(
    '/events/:productId/waitlist',
    {
      schema: { params: waitlistParams, querystring: waitlistQuery },
      config: { rateLimit: { max: services.config.checkoutRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const target = await waitlistTarget(req.params.productId, req.query.session);
      if (!target) throw notFound('Waiting list not found');
      const form = waitlistForm.parse(req.body ?? {});
      const ctx = await pageContext(req, reply, services);
      const when = target.session && sessionTimeLabel(target.session, ctx.locale, ctx.timeZone);
      if (!z.email().safeParse(form.email).success)
        return sendPage(reply, WaitlistPage({ ctx, title: target.title, when, error: true }), 400);
      const done = await joinWaitlist(db, {
        productId: req.params.productId,
        sessionId: target.session?.id ?? null,
        email: form.email,
        name: form.name,
        locale: ctx.locale,
        now: isoNow(),
      });
      return sendPage(reply, WaitlistPage({ ctx, title: target.title, when, done }));
    },
  );
}
