import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendError } from '../../web/error-handler.js';
import { AppError, notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { setTestRenewals, subscriptionOfOrder } from '../memberships/test-card.js';
import { isBillingCountry } from '../tax/countries.js';
import { InvalidSignatureError } from './provider.js';
import { ProviderUnavailableError } from './providers.js';
import { receivePaymentNotification } from './receive-notification.js';
import { completeTestCheckout, findTestSession } from './test-checkout.js';
import { TestPayPage } from './test-pay.page.js';

const refParams = z.object({ ref: z.string().regex(/^test_cs_[a-f0-9]{32}$/) });
// 'pay-decline-renewals': a membership's first period is paid, its renewals will be declined.
const outcomeForm = z.object({
  outcome: z.enum(['pay', 'decline', 'delay', 'pay-decline-renewals']),
  // '' (the default): no card country given, reported as unknown.
  cardCountry: z.string().max(10).default(''),
});

export function registerPaymentsRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const showPayPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    session: NonNullable<Awaited<ReturnType<typeof findTestSession>>>,
    form: { cardCountry?: string; cardCountryError?: boolean } = {},
    status = 200,
  ) => {
    const order = await db.selectFrom('orders').select('number').where('id', '=', session.order_id).executeTakeFirst();
    const ctx = await pageContext(req, reply, services);
    const subscription = (await subscriptionOfOrder(db, session.order_id)) !== undefined;
    return sendPage(
      reply,
      TestPayPage({ ctx, session, orderNumber: order?.number ?? '', subscription, ...form }),
      status,
    );
  };

  app.get('/pay/test/:ref', { schema: { params: refParams } }, async (req, reply) => {
    const session = await findTestSession(db, req.params.ref);
    if (!session) throw notFound('Unknown test payment');
    return showPayPage(req, reply, session);
  });

  app.post('/pay/test/:ref', { schema: { params: refParams } }, async (req, reply) => {
    const { outcome, cardCountry } = outcomeForm.parse(req.body ?? {});
    const session = await findTestSession(db, req.params.ref);
    if (!session) throw notFound('Unknown test payment');
    if (cardCountry !== '' && !isBillingCountry(cardCountry)) {
      return showPayPage(req, reply, session, { cardCountry, cardCountryError: true }, 400);
    }
    if (outcome === 'pay-decline-renewals') {
      const subscriptionId = await subscriptionOfOrder(db, session.order_id);
      if (subscriptionId) await setTestRenewals(db, subscriptionId, 'decline');
    }
    await completeTestCheckout(
      db,
      session.id,
      outcome === 'pay-decline-renewals' ? 'pay' : outcome,
      cardCountry === '' ? null : cardCountry,
    );
    services.nudgeWorker();
    return reply.redirect(session.return_url, 303);
  });

  // Webhooks: the signature covers the raw bytes, so this scope keeps the body unparsed.
  fastify.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scoped.post(
      '/api/v1/payments/:provider/webhook',
      { config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
      async (req, reply) => {
        const { provider } = z.object({ provider: z.string().max(20) }).parse(req.params);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        try {
          const r = await receivePaymentNotification(services, provider, body, req.headers);
          if (r.kind === 'unknown-provider') throw notFound('Unknown payment provider');
          if (r.kind === 'ignored') return reply.send({ received: true, duplicate: false, ignored: true });
          return reply.send({ received: true, duplicate: r.kind === 'duplicate' });
        } catch (err) {
          if (err instanceof InvalidSignatureError) throw new AppError('invalid_signature', 400, err.message);
          // The provider retries later; by then the keys may be back. Anyone can post here, so this is
          // answered without an error-level line per request (the admin's payments page shows the state).
          if (err instanceof ProviderUnavailableError) {
            req.log.debug({ provider }, 'payment notification while the provider is not available');
            return sendError(req, reply, {
              status: 503,
              code: 'provider_unavailable',
              title: 'Payment provider not available',
            });
          }
          if ((err as Error).name === 'ZodError') throw new AppError('invalid_payload', 400, 'Malformed notification');
          throw err;
        }
      },
    );
  });
}
