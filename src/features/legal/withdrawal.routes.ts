import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { findOrder } from '../checkout/queries.js';
import { withdrawalDeclaredJob } from './job-contracts.js';
import { WITHDRAW_PATH } from './links.js';
import { carryOutWithdrawal, withdrawConfirmPath, withdrawOrder } from './withdraw-order.js';
import {
  WithdrawConfirmPage,
  WithdrawDonePage,
  WithdrawFindPage,
  WithdrawLinkInvalidPage,
  WithdrawLinkPage,
  WithdrawReceivedPage,
} from './withdrawal.pages.js';
import { findWithdrawalById, loadWithdrawalView } from './withdrawal-queries.js';
import { signWithdrawalToken, verifyWithdrawalConfirmToken, verifyWithdrawalToken } from './withdrawal-token.js';

const findBody = z.object({
  number: z.string().trim().max(40).default(''),
  email: z.string().trim().max(320).default(''),
});
const orderParams = z.object({ id: z.uuid() });
const keyQuery = z.object({ k: z.string().max(100).default('') });
const confirmBody = z.object({ token: z.string().max(200).default('') });
const linkParams = z.object({ id: z.string().max(100) });
const linkQuery = z.object({ t: z.string().max(200).catch('').default('') });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * § 356a BGB: the withdrawal button, for guests as for signed-in buyers.
 * The public form takes the declaration from anyone (no login, as the law
 * requires) but shows nothing of an order and carries nothing out: that
 * waits for the link sent to the order's own address. The order's link
 * (thank-you page, library) carries the access key and withdraws at once.
 */
export function registerWithdrawalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const secret = services.config.sessionSecret;

  app.get(WITHDRAW_PATH, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    return sendPage(reply, WithdrawFindPage({ ctx, values: { number: '', email: '' } }));
  });

  // The declaration. Number + email could be guessed at: limited per IP, and the answer is the same either way.
  app.post(WITHDRAW_PATH, { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const parsed = findBody.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : { number: '', email: '' };
    const ctx = await pageContext(req, reply, services);
    if (!form.number || !form.email) {
      return sendPage(reply, WithdrawFindPage({ ctx, values: form, error: ctx.t('legal.withdraw.missing') }), 400);
    }
    const receivedAt = isoNow();
    await enqueueJob(db, withdrawalDeclaredJob, { ...form, receivedAt });
    services.nudgeWorker();
    return sendPage(reply, WithdrawReceivedPage({ ctx, number: form.number, receivedAt }));
  });

  // The link in the confirmation email: a page with a button (mail scanners open links), then the POST carries it out.
  const confirmLink = `${WITHDRAW_PATH}/confirm/:id`;
  const checkLink = async (id: string, token: string) => {
    if (!token) return undefined;
    const withdrawal = await findWithdrawalById(db, id);
    if (!withdrawal || !verifyWithdrawalConfirmToken(secret, withdrawal.id, token)) return undefined;
    return withdrawal;
  };

  app.get(confirmLink, { schema: { params: linkParams, querystring: linkQuery } }, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    const withdrawal = await checkLink(req.params.id, req.query.t);
    const order = withdrawal && (await findOrder(db, withdrawal.order_id));
    if (!withdrawal || !order) return sendPage(reply, WithdrawLinkInvalidPage({ ctx }), 400);
    const view = await loadWithdrawalView(db, order);
    if (!view.pending) {
      const refund = view.refund ?? 'none';
      return sendPage(reply, WithdrawDonePage({ ctx, order, receivedAt: withdrawal.received_at, refund }));
    }
    return sendPage(reply, WithdrawLinkPage({ ctx, view, action: withdrawConfirmPath(withdrawal.id, req.query.t) }));
  });

  app.post(confirmLink, { schema: { params: linkParams, querystring: linkQuery } }, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    const withdrawal = await checkLink(req.params.id, req.query.t);
    const done = withdrawal && (await carryOutWithdrawal(services, withdrawal));
    if (!done) return sendPage(reply, WithdrawLinkInvalidPage({ ctx }), 400);
    return sendPage(
      reply,
      WithdrawDonePage({ ctx, order: done.order, receivedAt: done.receivedAt, refund: done.refund }),
    );
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
        WithdrawFindPage({ ctx, values: { number: '', email: '' }, error: ctx.t('legal.withdraw.invalid') }),
        400,
      );
    }
    const result = await withdrawOrder(services, order, 'link');
    if (result.kind !== 'withdrawn') {
      const view = await loadWithdrawalView(db, order);
      return sendPage(reply, WithdrawConfirmPage({ ctx, view, token }), 409);
    }
    return sendPage(reply, WithdrawDonePage({ ctx, order, receivedAt: result.receivedAt, refund: result.refund }));
  });
}
