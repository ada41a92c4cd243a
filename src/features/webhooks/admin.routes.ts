import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { FieldErrors } from '../../web/components.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { DeliveryPage } from './delivery.page.js';
import { EndpointPage } from './endpoint.page.js';
import { type EndpointFormValues, fieldErrors, readEndpointForm } from './endpoint-input.js';
import {
  createEndpoint,
  deleteEndpoint,
  enableEndpoint,
  findDelivery,
  findEndpoint,
  LOG_PAGE_SIZE,
  listDeliveries,
  listEndpoints,
  resendDelivery,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from './endpoints.js';
import { EndpointsPage } from './endpoints.page.js';

const DONE = ['created', 'saved', 'rotated', 'enabled', 'deleted', 'test', 'resent', 'stale'] as const;
type Done = (typeof DONE)[number];
const doneQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  page: pageNumber().catch(1),
});
const endpointParams = z.object({ endpointId: z.uuid() });
const EMPTY_FORM: EndpointFormValues = { url: '', description: '', events: [] };

/** /admin/webhooks: endpoints (add, edit, rotate, enable, delete, test) and their delivery logs (re-send). */
export function registerWebhookAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values: EndpointFormValues; errors: FieldErrors; done?: Done | undefined },
    status = 200,
  ) => {
    const [ctx, endpoints] = await Promise.all([adminPageContext(req, reply, services), listEndpoints(db)]);
    const notice = form.done ? ctx.t(`webhooks.done.${form.done}`) : undefined;
    return sendPage(reply, EndpointsPage({ ctx, endpoints, values: form.values, errors: form.errors, notice }), status);
  };

  const renderEndpoint = async (
    req: FastifyRequest,
    reply: FastifyReply,
    endpointId: string,
    opts: { page: number; done?: Done | undefined; form?: { values: EndpointFormValues; errors: FieldErrors } },
    status = 200,
  ) => {
    const endpoint = await findEndpoint(db, endpointId);
    if (!endpoint) return reply.callNotFound();
    const [ctx, rows] = await Promise.all([
      adminPageContext(req, reply, services),
      listDeliveries(db, endpoint.id, opts.page),
    ]);
    const values = opts.form?.values ?? {
      url: endpoint.url,
      description: endpoint.description,
      events: JSON.parse(endpoint.event_types) as string[],
    };
    const page = EndpointPage({
      ctx,
      endpoint,
      values,
      errors: opts.form?.errors ?? {},
      deliveries: rows.slice(0, LOG_PAGE_SIZE),
      page: opts.page,
      hasOlder: rows.length > LOG_PAGE_SIZE,
      notice: opts.done ? ctx.t(`webhooks.done.${opts.done}`) : undefined,
    });
    return sendPage(reply, page, status);
  };

  app.get('/admin/webhooks', { ...guard, schema: { querystring: doneQuery } }, (req, reply) =>
    renderList(req, reply, { values: EMPTY_FORM, errors: {}, done: req.query.done }),
  );

  app.post('/admin/webhooks', guard, async (req, reply) => {
    const form = readEndpointForm(req.body);
    if (!form.ok) {
      const ctx = await adminPageContext(req, reply, services);
      return renderList(req, reply, { values: form.values, errors: fieldErrors(form.errors, ctx.t) }, 400);
    }
    const id = await createEndpoint(db, form.value, actor(req));
    return reply.redirect(`/admin/webhooks/${id}?done=created`, 303);
  });

  app.get(
    '/admin/webhooks/:endpointId',
    { ...guard, schema: { params: endpointParams, querystring: doneQuery } },
    (req, reply) => renderEndpoint(req, reply, req.params.endpointId, { page: req.query.page, done: req.query.done }),
  );

  app.post('/admin/webhooks/:endpointId', { ...guard, schema: { params: endpointParams } }, async (req, reply) => {
    const { endpointId } = req.params;
    const form = readEndpointForm(req.body);
    if (!form.ok) {
      const ctx = await adminPageContext(req, reply, services);
      const errors = fieldErrors(form.errors, ctx.t);
      return renderEndpoint(req, reply, endpointId, { page: 1, form: { values: form.values, errors } }, 400);
    }
    if (!(await updateEndpoint(db, endpointId, form.value, actor(req)))) return reply.callNotFound();
    return reply.redirect(`/admin/webhooks/${endpointId}?done=saved`, 303);
  });

  const action = (path: string, run: (id: string, who: string) => Promise<boolean>, done: Done) =>
    app.post(
      `/admin/webhooks/:endpointId/${path}`,
      { ...guard, schema: { params: endpointParams } },
      async (req, reply) => {
        const ok = await run(req.params.endpointId, actor(req));
        const to = done === 'deleted' && ok ? '/admin/webhooks' : `/admin/webhooks/${req.params.endpointId}`;
        return reply.redirect(`${to}?done=${ok ? done : 'stale'}`, 303);
      },
    );
  action('rotate', (id, who) => rotateSecret(db, id, who), 'rotated');
  action('enable', (id, who) => enableEndpoint(db, id, who), 'enabled');
  action('delete', (id, who) => deleteEndpoint(db, id, who), 'deleted');
  action('test', (id, who) => sendTestEvent(db, id, who), 'test');

  const deliveryParams = z.object({ endpointId: z.uuid(), deliveryId: z.string().regex(/^msg_[A-Za-z0-9]{1,64}$/) });

  app.get(
    '/admin/webhooks/:endpointId/deliveries/:deliveryId',
    { ...guard, schema: { params: deliveryParams, querystring: doneQuery } },
    async (req, reply) => {
      const { endpointId, deliveryId } = req.params;
      const [endpoint, delivery] = await Promise.all([
        findEndpoint(db, endpointId),
        findDelivery(db, endpointId, deliveryId),
      ]);
      if (!endpoint || !delivery) return reply.callNotFound();
      const ctx = await adminPageContext(req, reply, services);
      const notice = req.query.done ? ctx.t(`webhooks.done.${req.query.done}`) : undefined;
      return sendPage(reply, DeliveryPage({ ctx, endpoint, delivery, notice }));
    },
  );

  app.post(
    '/admin/webhooks/:endpointId/deliveries/:deliveryId/resend',
    { ...guard, schema: { params: deliveryParams } },
    async (req, reply) => {
      const { endpointId, deliveryId } = req.params;
      const seen = z.object({ attempts: z.coerce.number().int().min(0) }).safeParse(req.body);
      const delivery = await findDelivery(db, endpointId, deliveryId);
      if (!delivery) return reply.callNotFound();
      const ok = seen.success && (await resendDelivery(db, deliveryId, seen.data.attempts, actor(req)));
      services.nudgeWorker();
      return reply.redirect(
        `/admin/webhooks/${endpointId}/deliveries/${deliveryId}?done=${ok ? 'resent' : 'stale'}`,
        303,
      );
    },
  );
}
