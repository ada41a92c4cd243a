import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { optionalField, pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { EmailDetailPage } from './email-detail.page.js';
import { countEmailsByStatus, EMAIL_STATUSES, findEmail, listEmails } from './outbox.js';
import { OutboxPage, outboxUrl } from './outbox.page.js';
import { PREVIEW_CSP, previewHtml } from './preview.js';
import { sendTestEmail } from './send-test-email.js';

const listQuery = z.object({
  status: optionalField(z.enum(EMAIL_STATUSES).optional()),
  page: pageNumber(),
  notice: z.enum(['test-queued']).optional().catch(undefined),
});
const idParams = z.object({ id: z.uuid() });

/** Sending test emails is cheap to abuse: a few a minute are plenty. */
const TEST_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

/** Admin outbox: list of messages with a rendered preview. */
export function registerEmailRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/emails', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const { status, page, notice } = req.query;
    const [data, counts, ctx] = await Promise.all([
      listEmails(db, { status, page }),
      countEmailsByStatus(db),
      adminPageContext(req, reply, services),
    ]);
    const adminEmail = currentAdmin(req).user.email;
    return sendPage(
      reply,
      OutboxPage({
        ctx,
        data,
        status,
        counts,
        adminEmail,
        notice: notice === 'test-queued' ? ctx.t('email.outbox.test.queued', { email: adminEmail }) : undefined,
        outboxOnly: services.mailer.kind === 'outbox',
      }),
    );
  });

  app.post('/admin/emails/test', { ...guard, config: TEST_LIMIT }, async (req, reply) => {
    const { user } = currentAdmin(req);
    await sendTestEmail(db, { to: user.email, locale: user.locale, actor: user.email });
    services.nudgeWorker();
    return reply.redirect(`${outboxUrl(undefined)}?notice=test-queued`, 303);
  });

  app.get('/admin/emails/:id', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const email = await findEmail(db, req.params.id);
    if (!email) throw notFound('Email not found');
    return sendPage(reply, EmailDetailPage({ ctx: await adminPageContext(req, reply, services), email }));
  });

  // The email's own HTML, for the sandboxed preview frame: its own strict policy, never the admin's.
  app.get('/admin/emails/:id/html', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const email = await findEmail(db, req.params.id);
    if (!email) throw notFound('Email not found');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PREVIEW_CSP)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(previewHtml(email.html));
  });
}
