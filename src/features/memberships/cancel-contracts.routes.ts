import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import {
  CancelContractsDonePage,
  type CancelContractsErrors,
  CancelContractsPage,
  type CancelContractsValues,
  CancelKeepPage,
} from './cancel-contracts.page.js';
import { inspectKeepLink, type KeepResult, keepCanceledSubscription, keepPath } from './keep-subscription.js';
import { CANCEL_CONTRACTS_ALIAS, CANCEL_CONTRACTS_PATH } from './links.js';
import { receiveCancellation } from './receive-cancellation.js';

const text = (max: number) => z.string().trim().max(max).catch('').default('');
const formBody = z.object({
  email: text(320),
  contract: text(200),
  kind: text(20),
  reason: text(2000),
  requestedEnd: text(20),
});
const emailSchema = z.email();
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const tokenParams = z.object({ token: z.string().max(200) });
const statusOf = (r: KeepResult) => (r.kind === 'invalid' ? 400 : 200);

const BLANK: CancelContractsValues = { email: '', contract: '', kind: 'ordinary', reason: '', requestedEnd: '' };

/**
 * § 312k BGB: the cancellation button, without login, the same answer for
 * every address; the member's mailbox gets the confirmation and a link to
 * undo a cancellation they did not send.
 */
export function registerCancelContractsRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  for (const path of [CANCEL_CONTRACTS_PATH, CANCEL_CONTRACTS_ALIAS]) {
    app.get(path, async (req, reply) => {
      return sendPage(reply, CancelContractsPage({ ctx: await pageContext(req, reply, services), values: BLANK }));
    });
  }

  app.post(
    CANCEL_CONTRACTS_PATH,
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const ctx = await pageContext(req, reply, services);
      const parsed = formBody.safeParse(req.body ?? {});
      const values = parsed.success ? parsed.data : BLANK;
      const errors: CancelContractsErrors = {};
      if (!emailSchema.safeParse(values.email).success) errors.email = ctx.t('memberships.error.email');
      const validDate =
        values.requestedEnd === '' ||
        (DATE.test(values.requestedEnd) &&
          !Number.isNaN(Date.parse(`${values.requestedEnd}T00:00:00Z`)) &&
          new Date(`${values.requestedEnd}T00:00:00Z`).toISOString().slice(0, 10) === values.requestedEnd);
      if (!validDate) errors.requestedEnd = ctx.t('memberships.terminate.dateError');
      const kind = values.kind === '' ? 'ordinary' : values.kind;
      if (kind !== 'ordinary' && kind !== 'extraordinary') errors.kind = ctx.t('memberships.terminate.kindError');
      if (Object.keys(errors).length > 0) return sendPage(reply, CancelContractsPage({ ctx, values, errors }), 400);
      const { receivedAt } = await receiveCancellation(services, {
        email: values.email,
        contract: values.contract,
        kind: kind as 'ordinary' | 'extraordinary',
        reason: values.reason,
        requestedEnd: values.requestedEnd,
        locale: ctx.locale,
        ip: req.ip,
      });
      const declaration = {
        kind: kind as 'ordinary' | 'extraordinary',
        contract: values.contract,
        requestedEnd: values.requestedEnd,
      };
      return sendPage(
        reply,
        CancelContractsDonePage({ ctx, email: values.email.toLowerCase(), receivedAt, declaration }),
      );
    },
  );

  // "This cancellation was not me": the link from the confirmation email opens a page with a button.
  const keep = `${CANCEL_CONTRACTS_PATH}/keep/:token`;
  app.get(keep, { schema: { params: tokenParams } }, async (req, reply) => {
    const ctx = await pageContext(req, reply, services);
    const result = await inspectKeepLink(services, req.params.token);
    return sendPage(reply, CancelKeepPage({ ctx, result, action: keepPath(req.params.token) }), statusOf(result));
  });
  app.post(
    keep,
    { schema: { params: tokenParams }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const ctx = await pageContext(req, reply, services);
      const result = await keepCanceledSubscription(services, req.params.token);
      return sendPage(reply, CancelKeepPage({ ctx, result, action: '' }), statusOf(result));
    },
  );
}
