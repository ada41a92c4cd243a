import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { LibraryContinuePage, LibraryLoginPage, LibraryPage } from './library.pages.js';
import { loadLibrary, loadReceipt } from './load-library.js';
import { ReceiptPage } from './receipt.page.js';
import { isLoginLinkUsable, redeemLoginLink } from './redeem-login-link.js';
import { requestLoginLink } from './request-login-link.js';
import {
  CUSTOMER_COOKIE,
  clearCustomerCookie,
  currentCustomer,
  endCustomerSession,
  readCustomerSession,
  requireCustomer,
  setCustomerCookie,
} from './sessions.js';

const loginBody = z.object({ email: z.string().trim().max(320).pipe(z.email()) });
const tokenParams = z.object({ token: z.string().max(200) });
const orderParams = z.object({ orderId: z.string().min(1).max(64) });

/** Each sign-in request may send an email: limited per IP. */
const LOGIN_LINK_LIMIT = { rateLimit: { max: 5, timeWindow: '1 minute' } };

export function registerLibraryRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const ctxOf = (req: FastifyRequest, reply: FastifyReply) => pageContext(req, reply, services);

  app.get('/library', async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const session = await readCustomerSession(db, req.cookies[CUSTOMER_COOKIE]);
    if (!session) return sendPage(reply, LibraryLoginPage({ ctx }));
    const orders = await loadLibrary(services, session.email);
    const sections = await Promise.all(fastify.librarySections.map((section) => section(db, session.email, ctx)));
    return sendPage(
      reply,
      LibraryPage({ ctx, email: session.email, orders, linkHours: services.config.downloadLinkHours, sections }),
    );
  });

  app.post('/library/login', { config: LOGIN_LINK_LIMIT }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    const parsed = loginBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const email =
        typeof (req.body as { email?: unknown })?.email === 'string' ? (req.body as { email: string }).email : '';
      return sendPage(reply, LibraryLoginPage({ ctx, email: email.slice(0, 320), error: ctx.t('form.email') }), 400);
    }
    const queued = await requestLoginLink(db, {
      email: parsed.data.email,
      locale: ctx.locale,
      publicUrl: services.config.publicUrl,
    });
    if (queued) services.nudgeWorker();
    // The same answer whether or not the address has bought anything.
    return sendPage(reply, LibraryLoginPage({ ctx, state: 'sent' }));
  });

  // Opening the emailed link only shows a button: link scanners in mail systems (which open every
  // link) must not use up the single-use token. The sign-in happens on the POST.
  app.get('/library/auth/:token', { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await ctxOf(req, reply);
    if (!(await isLoginLinkUsable(db, req.params.token))) {
      return sendPage(reply, LibraryLoginPage({ ctx, state: 'invalid' }), 410);
    }
    return sendPage(reply, LibraryContinuePage({ ctx, token: req.params.token }));
  });

  app.post(
    '/library/auth/:token',
    { schema: { params: tokenParams }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const token = await redeemLoginLink(db, req.params.token);
      if (!token) return sendPage(reply, LibraryLoginPage({ ctx: await ctxOf(req, reply), state: 'invalid' }), 410);
      await endCustomerSession(db, req.cookies[CUSTOMER_COOKIE]);
      setCustomerCookie(reply, token, services.config);
      return reply.redirect('/library', 303);
    },
  );

  app.post('/library/logout', async (req, reply) => {
    await endCustomerSession(db, req.cookies[CUSTOMER_COOKIE]);
    clearCustomerCookie(reply);
    return reply.redirect('/library', 303);
  });

  app.get(
    '/library/orders/:orderId',
    { schema: { params: orderParams }, preHandler: requireCustomer(services) },
    async (req, reply) => {
      const purchase = await loadReceipt(services, currentCustomer(req).email, req.params.orderId);
      // Someone else's order is "not found", never "forbidden": its existence is not revealed.
      if (!purchase) throw notFound('Order not found');
      return sendPage(reply, ReceiptPage({ ctx: await ctxOf(req, reply), purchase }));
    },
  );
}
