import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { checkProductForm, formFromProduct, PRODUCT_STATUSES } from '../catalog/product-input.js';
import { updateProduct } from '../catalog/update-product.js';
import { DEFAULT_TAX_CATEGORY } from '../tax/categories.js';
import { productTaxOf } from '../tax/product-tax.js';
import { registerAttendeeAdminRoutes } from './admin-attendees.routes.js';
import { eventEditor, eventParams } from './admin-editor.js';
import { EventsListPage } from './admin-events.pages.js';
import { registerSessionAdminRoutes } from './admin-sessions.routes.js';
import { listEvents } from './attendees.js';
import { addTicketType, createEvent, removeTicketType, saveEventSettings, updateTicketType } from './edit-event.js';
import {
  checkSettings,
  checkTicketType,
  detailsForm,
  type FormErrors,
  settingsForm,
  ticketTypeForm,
  titleForm,
} from './event-input.js';

const typeParams = eventParams.extend({ typeId: z.uuid() });
export const EDITOR_NOTICES = ['created', 'saved', 'moved', 'cancelled', 'deleted', 'added'] as const;
const noticeQuery = z.object({
  done: z.enum(EDITOR_NOTICES).optional().catch(undefined),
  n: z.coerce.number().int().min(0).max(1000).optional().catch(undefined),
});

/** Events in the admin: the list, a new event, its editor (details, settings, ticket types, sessions), attendees, check-in. */
export function registerEventAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;
  const { eventOr404, show, refuse } = eventEditor(services);
  const saved = (reply: FastifyReply, id: string, done: (typeof EDITOR_NOTICES)[number] = 'saved') =>
    reply.redirect(`/admin/events/${id}?done=${done}`, 303);

  const showList = async (req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const [ctx, events] = await Promise.all([adminPageContext(req, reply, services), listEvents(db)]);
    return sendPage(reply, EventsListPage({ ctx, events, ...(error ? { error } : {}) }), status);
  };

  app.get('/admin/events', guard, (req, reply) => showList(req, reply));

  app.post('/admin/events/new', guard, async (req, reply) => {
    const { title } = titleForm.parse(req.body ?? {});
    if (!title) {
      const ctx = await adminPageContext(req, reply, services);
      return showList(req, reply, ctx.t('events.admin.error.title'), 400);
    }
    const id = await createEvent(db, title, actor(req));
    return saved(reply, id, 'created');
  });

  app.get(
    '/admin/events/:id',
    { ...guard, schema: { params: eventParams, querystring: noticeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const { done, n } = req.query;
      return show(
        req,
        reply,
        req.params.id,
        done ? { notice: ctx.t(`events.admin.notice.${done}`, { n: n ?? 1 }) } : {},
      );
    },
  );

  // Title, texts and status: the catalogue's own checks and save, the price left as the ticket types set it.
  app.post('/admin/events/:id/details', { ...guard, schema: { params: eventParams } }, async (req, reply) => {
    const { product } = await eventOr404(req.params.id);
    const form = detailsForm.parse(req.body ?? {});
    const locale = await adminLocale(req, services);
    const tax = (await productTaxOf(db, [product.id])).get(product.id) ?? {
      category: DEFAULT_TAX_CATEGORY,
      placeCountry: null,
    };
    const stored = formFromProduct(product, locale, tax);
    const status = (PRODUCT_STATUSES as readonly string[]).includes(form.status) ? form.status : '';
    const checked = checkProductForm(
      { ...stored, title: form.title, summary: form.summary, description: form.description, status, taxCategory: '' },
      locale,
    );
    const errors: FormErrors = checked.ok ? {} : { ...checked.errors };
    if (!status) errors.status = 'events.admin.error.choose';
    if (!checked.ok || !status) return refuse(req, reply, product.id, 'details', form, errors);
    const result = await updateProduct({ db, id: product.id, input: checked.input, actor: actor(req) });
    if (result.kind === 'not-found') throw notFound('Event not found');
    if (result.kind === 'slug-taken')
      return refuse(req, reply, product.id, 'details', form, { title: 'catalog.error.slugTaken' });
    return saved(reply, product.id);
  });

  app.post('/admin/events/:id/settings', { ...guard, schema: { params: eventParams } }, async (req, reply) => {
    await eventOr404(req.params.id);
    const form = settingsForm.parse(req.body ?? {});
    const ctx = await adminPageContext(req, reply, services);
    const checked = checkSettings(form, ctx.timeZone);
    if (!checked.ok) return refuse(req, reply, req.params.id, 'settings', form, checked.errors);
    await saveEventSettings(db, req.params.id, checked.value);
    return saved(reply, req.params.id);
  });

  const readTicketType = async (req: FastifyRequest, reply: FastifyReply, currency: string) => {
    const form = ticketTypeForm.parse(req.body ?? {});
    const [ctx, locale] = await Promise.all([adminPageContext(req, reply, services), adminLocale(req, services)]);
    return { form, checked: checkTicketType(form, currency, locale, ctx.timeZone) };
  };

  app.post('/admin/events/:id/ticket-types', { ...guard, schema: { params: eventParams } }, async (req, reply) => {
    const { product } = await eventOr404(req.params.id);
    const { form, checked } = await readTicketType(req, reply, product.currency);
    if (!checked.ok) return refuse(req, reply, product.id, 'type-new', form, checked.errors);
    await addTicketType(db, product.id, checked.value);
    return saved(reply, product.id);
  });

  const typeOr404 = async (id: string, typeId: string) => {
    const t = await db
      .selectFrom('event_ticket_types')
      .select('id')
      .where('id', '=', typeId)
      .where('product_id', '=', id)
      .executeTakeFirst();
    if (!t) throw notFound('Ticket type not found');
  };

  app.post(
    '/admin/events/:id/ticket-types/:typeId',
    { ...guard, schema: { params: typeParams } },
    async (req, reply) => {
      const { product } = await eventOr404(req.params.id);
      await typeOr404(product.id, req.params.typeId);
      const { form, checked } = await readTicketType(req, reply, product.currency);
      if (!checked.ok) return refuse(req, reply, product.id, `type-${req.params.typeId}`, form, checked.errors);
      await updateTicketType(db, product.id, req.params.typeId, checked.value);
      return saved(reply, product.id);
    },
  );

  app.post(
    '/admin/events/:id/ticket-types/:typeId/delete',
    { ...guard, schema: { params: typeParams } },
    async (req, reply) => {
      await eventOr404(req.params.id);
      await typeOr404(req.params.id, req.params.typeId);
      if ((await removeTicketType(db, req.params.id, req.params.typeId)) === 'last')
        return refuse(
          req,
          reply,
          req.params.id,
          `type-${req.params.typeId}`,
          {},
          { name: 'events.admin.error.lastType' },
        );
      return saved(reply, req.params.id);
    },
  );

  registerSessionAdminRoutes(fastify, services);
  registerAttendeeAdminRoutes(fastify, services);
}
