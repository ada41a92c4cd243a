import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { recordAudit } from '../admin/audit.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { checkProductForm, formFromProduct, PRODUCT_STATUSES } from '../catalog/product-input.js';
import { findProductById } from '../catalog/queries.js';
import { updateProduct } from '../catalog/update-product.js';
import { localInputToUtc } from '../posts/local-time.js';
import { DEFAULT_TAX_CATEGORY } from '../tax/categories.js';
import { productTaxOf } from '../tax/product-tax.js';
import { BookingsPage, type FailedChange } from './admin-bookings.page.js';
import { BOOKING_VIEWS, listAdminBookings, listBookingTypes, monthSummary } from './admin-queries.js';
import { BookingTypeEditorPage, type FailedTypeForm } from './admin-type.page.js';
import { BookingTypesPage } from './admin-types.pages.js';
import { bookingCalendarFeedUrl, rotateBookingCalendarFeedToken } from './calendar-feed.js';
import { createBookingType, saveBookingType } from './edit-booking-type.js';
import { cancelBooking, rescheduleBooking } from './manage.js';
import { findBookingType } from './queries.js';
import { questionsOf } from './questions.js';
import {
  cancelForm,
  checkSettings,
  type DetailsForm,
  detailsForm,
  type FormErrors,
  moveForm,
  settingsForm,
  titleForm,
} from './type-input.js';

const BASE = '/admin/bookings';
const LIST_NOTICES = ['moved', 'cancelled', 'refunded', 'feed'] as const;
const TYPE_NOTICES = ['created', 'saved'] as const;
const listQuery = z.object({
  show: z.enum(BOOKING_VIEWS).optional().catch(undefined),
  done: z.enum(LIST_NOTICES).optional().catch(undefined),
});
const typeQuery = z.object({ done: z.enum(TYPE_NOTICES).optional().catch(undefined) });
const idParams = z.object({ id: z.uuid() });

/** The creator's bookings: the list with move and cancel, the calendar subscription, session types and their editor. */
export function registerBookingAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };
  const actor = (req: FastifyRequest) => currentAdmin(req).user.email;

  // ---- Bookings ----

  const showBookings = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { view?: (typeof BOOKING_VIEWS)[number]; failed?: FailedChange; notice?: string } = {},
    status = 200,
  ) => {
    const ctx = await adminPageContext(req, reply, services);
    const now = new Date();
    const view = extra.view ?? 'upcoming';
    const [bookings, types, summary, feedUrl] = await Promise.all([
      listAdminBookings(db, view, now),
      listBookingTypes(db),
      monthSummary(db, ctx.timeZone, now),
      bookingCalendarFeedUrl(db, services.config.publicUrl),
    ]);
    const page = BookingsPage({
      ctx,
      view,
      bookings,
      types,
      summary,
      feedUrl,
      failed: extra.failed,
      notice: extra.notice,
    });
    return sendPage(reply, page, status);
  };

  app.get(BASE, { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const ctx = await adminPageContext(req, reply, services);
    const { show, done } = req.query;
    return showBookings(req, reply, {
      ...(show ? { view: show } : {}),
      ...(done ? { notice: ctx.t(`bookings.admin.notice.${done}`) } : {}),
    });
  });

  const bookingOr404 = async (id: string) => {
    const b = await db.selectFrom('bookings').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!b) throw notFound('Booking not found');
    return b;
  };

  app.post(`${BASE}/:id/move`, { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { id } = req.params;
    await bookingOr404(id);
    const { startsAt } = moveForm.parse(req.body ?? {});
    const ctx = await adminPageContext(req, reply, services);
    const refuse = (error: FailedChange['error']) =>
      showBookings(req, reply, { failed: { bookingId: id, form: 'move', startsAt, error } }, 400);
    const at = localInputToUtc(startsAt, ctx.timeZone);
    if (!at) return refuse('bookings.admin.error.dateTime');
    const outcome = await rescheduleBooking(services, id, at.toISOString(), actor(req));
    if (outcome === 'not-found') throw notFound('Booking not found');
    if (outcome !== 'rescheduled') return refuse(`bookings.admin.outcome.${outcome}`);
    return reply.redirect(`${BASE}?done=moved`, 303);
  });

  app.post(`${BASE}/:id/cancel`, { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { id } = req.params;
    await bookingOr404(id);
    const refund = cancelForm.parse(req.body ?? {}).refund === 'yes';
    const outcome = await cancelBooking(services, id, { by: 'creator', refund }, actor(req));
    if (outcome === 'not-found') throw notFound('Booking not found');
    if (outcome !== 'cancelled')
      return showBookings(
        req,
        reply,
        { failed: { bookingId: id, form: 'cancel', error: `bookings.admin.outcome.${outcome}` } },
        400,
      );
    return reply.redirect(`${BASE}?done=${refund ? 'refunded' : 'cancelled'}`, 303);
  });

  app.post(`${BASE}/calendar-feed/rotate`, guard, async (req, reply) => {
    await rotateBookingCalendarFeedToken(db);
    await recordAudit(db, actor(req), 'booking.feed-rotated', {});
    return reply.redirect(`${BASE}?done=feed`, 303);
  });

  // ---- Session types ----

  const showTypes = async (req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) => {
    const [ctx, types] = await Promise.all([adminPageContext(req, reply, services), listBookingTypes(db)]);
    return sendPage(reply, BookingTypesPage({ ctx, types, error }), status);
  };

  app.get(`${BASE}/types`, guard, (req, reply) => showTypes(req, reply));

  app.post(`${BASE}/types/new`, guard, async (req, reply) => {
    const { title } = titleForm.parse(req.body ?? {});
    if (!title || title.length > 120) {
      const ctx = await adminPageContext(req, reply, services);
      return showTypes(req, reply, ctx.t('bookings.admin.error.title'), 400);
    }
    const id = await createBookingType(db, title, actor(req));
    return reply.redirect(`${BASE}/types/${id}?done=created`, 303);
  });

  const typeOr404 = async (id: string) => {
    const [product, type] = await Promise.all([findProductById(db, id), findBookingType(db, id)]);
    if (product?.kind !== 'booking' || !type) throw notFound('Session type not found');
    return { product, type };
  };

  const storedDetails = async (req: FastifyRequest, id: string) => {
    const { product } = await typeOr404(id);
    const locale = await adminLocale(req, services);
    const tax = (await productTaxOf(db, [product.id])).get(product.id) ?? {
      category: DEFAULT_TAX_CATEGORY,
      placeCountry: null,
    };
    return { product, locale, stored: formFromProduct(product, locale, tax) };
  };

  const showType = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { failed?: FailedTypeForm; notice?: string } = {},
    status = 200,
  ) => {
    const { product, type } = await typeOr404(id);
    const [ctx, { stored }] = await Promise.all([adminPageContext(req, reply, services), storedDetails(req, id)]);
    const details: DetailsForm = {
      title: stored.title,
      summary: stored.summary,
      description: stored.description,
      status: stored.status,
      pricing: stored.pricing,
      price: stored.price,
      minPrice: stored.minPrice,
      suggestedPrice: stored.suggestedPrice,
    };
    return sendPage(reply, BookingTypeEditorPage({ ctx, product, type, details, ...extra }), status);
  };

  const refuse = (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FailedTypeForm['form'],
    values: Record<string, string | undefined>,
    errors: FormErrors,
  ) => {
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
    return showType(req, reply, id, { failed: { form, values: typed, errors } }, 400);
  };

  app.get(
    `${BASE}/types/:id`,
    { ...guard, schema: { params: idParams, querystring: typeQuery } },
    async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      const { done } = req.query;
      return showType(req, reply, req.params.id, done ? { notice: ctx.t(`bookings.admin.notice.${done}`) } : {});
    },
  );

  // Title, texts, status and price: the catalogue's own checks and save (the currency stays the product's).
  app.post(`${BASE}/types/:id/details`, { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { product, locale, stored } = await storedDetails(req, req.params.id);
    const form = detailsForm.parse(req.body ?? {});
    const status = (PRODUCT_STATUSES as readonly string[]).includes(form.status) ? form.status : '';
    const checked = checkProductForm({ ...stored, ...form, status, taxCategory: '' }, locale);
    const errors: FormErrors = checked.ok ? {} : { ...checked.errors };
    if (!status) errors.status = 'bookings.admin.error.choose';
    // The booking page asks for a time, not an amount: pay what you want would book for nothing.
    if (form.pricing === 'pwyw') errors.pricing = 'bookings.admin.error.pricing';
    if (!checked.ok || !status || errors.pricing) return refuse(req, reply, product.id, 'details', form, errors);
    const result = await updateProduct({ db, id: product.id, input: checked.input, actor: actor(req) });
    if (result.kind === 'not-found') throw notFound('Session type not found');
    if (result.kind === 'slug-taken')
      return refuse(req, reply, product.id, 'details', form, { title: 'catalog.error.slugTaken' });
    return reply.redirect(`${BASE}/types/${product.id}?done=saved`, 303);
  });

  app.post(`${BASE}/types/:id/settings`, { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const { product, type } = await typeOr404(req.params.id);
    const form = settingsForm.parse(req.body ?? {});
    const checked = checkSettings(form, questionsOf(type));
    if (!checked.ok) return refuse(req, reply, product.id, 'settings', form, checked.errors);
    await db.transaction().execute(async (trx) => {
      await saveBookingType(trx, product.id, checked.value);
      await recordAudit(trx, actor(req), 'booking-type.saved', { id: product.id });
    });
    return reply.redirect(`${BASE}/types/${product.id}?done=saved`, 303);
  });
}
