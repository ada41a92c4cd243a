import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { PaymentsPage, type PaymentsView } from './payments.page.js';
import { paymentMode } from './providers.js';
import { checkStripeConnection } from './stripe/check-stripe-connection.js';
import { disconnectStripe } from './stripe/disconnect-stripe.js';
import { saveStripeSettings } from './stripe/save-stripe-settings.js';
import { loadStripeSettings, maskKey } from './stripe/stripe-settings.js';

const NOTICES = ['saved', 'removed'] as const;
const pageQuery = z.object({ notice: z.enum(NOTICES).optional().catch(undefined) });
type Notice = (typeof NOTICES)[number];
/** Over-long input becomes a value that fails the format check, so the form says so instead of a bare 400. */
const keyField = z
  .string()
  .default('')
  .transform((s) => (s.trim().length > 300 ? '!' : s.trim()));
const keysForm = z.object({ secretKey: keyField, publishableKey: keyField, webhookSecret: keyField });

/** Admin: payment settings (Stripe keys, connection check, disconnect). */
export function registerPaymentsAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  /** The page in its current state, plus what the last action said. */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Omit<Partial<PaymentsView>, 'notice'> & { noticeKey?: Notice | undefined } = {},
    status = 200,
  ) {
    const [ctx, mode, stripe] = await Promise.all([
      adminPageContext(req, reply, services),
      paymentMode(services),
      loadStripeSettings(db, services.config),
    ]);
    const stored =
      stripe.kind === 'ok'
        ? {
            secretKey: maskKey(stripe.keys.secretKey),
            publishableKey: stripe.keys.publishableKey,
            webhookSecret: maskKey(stripe.keys.webhookSecret),
            updatedAt: stripe.updatedAt,
          }
        : undefined;
    const webhookUrl = `${services.config.publicUrl}/api/v1/payments/stripe/webhook`;
    const { noticeKey, ...rest } = extra;
    const notice = noticeKey ? ctx.t(`payments.notice.${noticeKey}`) : undefined;
    return sendPage(reply, PaymentsPage({ ctx, view: { mode, stored, webhookUrl, ...rest, notice } }), status);
  }

  app.get('/admin/payments', { ...guard, schema: { querystring: pageQuery } }, (req, reply) =>
    show(req, reply, { noticeKey: req.query.notice }),
  );

  app.post('/admin/payments/stripe', guard, async (req, reply) => {
    const input = keysForm.parse(req.body ?? {});
    const result = await saveStripeSettings({ services, input, actor: currentAdmin(req).user.email });
    if (!result.ok) return show(req, reply, { errors: result.errors, values: input }, 400);
    return reply.redirect('/admin/payments?notice=saved', 303);
  });

  app.post('/admin/payments/stripe/check', guard, async (req, reply) => {
    return show(req, reply, { check: await checkStripeConnection(services) });
  });

  app.post('/admin/payments/stripe/remove', guard, async (req, reply) => {
    await disconnectStripe({ services, actor: currentAdmin(req).user.email });
    return reply.redirect('/admin/payments?notice=removed', 303);
  });
}
