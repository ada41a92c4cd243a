import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { findOrder } from '../checkout/queries.js';
import { WITHDRAW_PATH } from './links.js';
import { withdrawOrder } from './withdraw-order.js';
import { WithdrawConfirmPage, WithdrawDonePage, WithdrawFindPage } from './withdrawal.pages.js';
import { findOrderByNumberAndEmail, loadWithdrawalView } from './withdrawal-queries.js';
import { signWithdrawalToken, verifyWithdrawalToken } from './withdrawal-token.js';

const findBody = z.object({
  number: z.string().trim().max(40).default(''),
  email: z.string().trim().max(320).default(''),
});
const orderParams = z.object({ id: z.uuid() });
const keyQuery = z.object({ k: z.string().max(100).default('') });
const confirmBody = z.object({ token: z.string().max(200).default('') });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** § 356a BGB: the withdrawal button, in two steps, for guests as for signed-in buyers. */
export function registerWithdrawalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const secret = services.config.sessionSecret;

  app.get(WITHDRAW_PATH, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    return sendPage(reply, WithdrawFindPage({ ctx, values: { number: '', email: '' } }));
  });

  // Number + email could be guessed at: limited per IP.
  app.post(WITHDRAW_PATH, { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const form = findBody.parse(req.body ?? {});
    const ctx = await pageContext(req, reply, services);
    const order = form.number && form.email ? await findOrderByNumberAndEmail(db, form.number, form.email) : undefined;
    if (!order) return sendPage(reply, WithdrawFindPage({ ctx, values: form, error: ctx.t('withdraw.notFound') }), 400);
    const view = await loadWithdrawalView(db, order);
    return sendPage(reply, WithdrawConfirmPage({ ctx, view, token: signWithdrawalToken(secret, order.id) }));
  });

  // From the thank-you page or the library: the order's access key identifies it.
  app.get(
    `${WITHDRAW_PATH}/order/:id`,
    { schema: { params: orderParams, querystring: keyQuery } },
    async (req, reply) => {
      const order = await findOrder(db, req.params.id);
      if (!order || !sameSecret(order.access_key, req.query.k)) throw notFound('Order not found');
      const ctx = await pageContext(req, reply, services);
      const view = await loadWithdrawalView(db, order);
      return sendPage(reply, WithdrawConfirmPage({ ctx, view, token: signWithdrawalToken(secret, order.id) }));
    },
  );

  app.post(`${WITHDRAW_PATH}/order/:id/confirm`, { schema: { params: orderParams } }, async (req, reply) => {
    const { token } = confirmBody.parse(req.body ?? {});
    const ctx = await pageContext(req, reply, services);
    const order = await findOrder(db, req.params.id);
    if (!order || !verifyWithdrawalToken(secret, order.id, token)) {
      return sendPage(
        reply,
        WithdrawFindPage({ ctx, values: { number: '', email: '' }, error: ctx.t('withdraw.invalid') }),
        400,
      );
    }
    const result = await withdrawOrder(services, order, 'form');
    if (result.kind !== 'withdrawn') {
      const view = await loadWithdrawalView(db, order);
      return sendPage(reply, WithdrawConfirmPage({ ctx, view, token }), 409);
    }
    return sendPage(reply, WithdrawDonePage({ ctx, order, receivedAt: result.receivedAt, refund: result.refund }));
  });
}
