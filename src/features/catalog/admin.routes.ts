import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import type { Translate } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminLocale, adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { DEFAULT_TAX_CATEGORY } from '../tax/categories.js';
import { productTaxOf } from '../tax/product-tax.js';
import { createProduct } from './create-product.js';
import { EDITOR_NOTICES, editorUrl, showEditor } from './editor.js';
import { ProductPage } from './product.page.js';
import type { EditorErrors } from './product-editor.page.js';
import {
  checkProductForm,
  emptyForm,
  isDownloadCategory,
  PRODUCT_STATUSES,
  type ProductForm,
  type ProductFormErrors,
  publishNeedsConfirmation,
} from './product-input.js';
import { ProductsPage } from './products.page.js';
import {
  countProductsByStatus,
  deliversSomething,
  findProductById,
  listProductFiles,
  listProducts,
} from './queries.js';
import { updateProduct } from './update-product.js';

const text = (max: number) => z.string().max(max).default('');
export const productFormSchema = z.object({
  title: text(2000),
  slug: text(1000),
  summary: text(5000),
  description: text(200_000),
  pricing: text(20),
  currency: text(10),
  price: text(100),
  minPrice: text(100),
  suggestedPrice: text(100),
  status: text(20),
  taxCategory: text(40),
  taxPlace: text(10),
  publishWithoutFile: text(10),
});
const listQuery = z.object({
  status: z.enum(PRODUCT_STATUSES).optional().catch(undefined),
  q: z.string().max(200).default('').catch(''),
  page: pageNumber().catch(1),
});
export const idParams = z.object({ id: z.uuid() });
const doneQuery = z.object({
  done: z
    .enum(Object.keys(EDITOR_NOTICES) as [keyof typeof EDITOR_NOTICES])
    .optional()
    .catch(undefined),
});

/** Products in the admin: list, create, edit, preview. */
export function registerProductAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  app.get('/admin/products', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const { status, q, page } = req.query;
    const [data, counts, ctx] = await Promise.all([
      listProducts(db, { status, q, page }),
      countProductsByStatus(db),
      adminPageContext(req, reply, services),
    ]);
    return sendPage(reply, ProductsPage({ ctx, data, status, q: q.trim(), counts }));
  });

  app.get('/admin/products/new', guard, async (req, reply) => {
    const { currency } = await getStoreSettings(db);
    return showEditor(req, reply, services, { form: emptyForm(currency) });
  });

  app.post('/admin/products/new', guard, async (req, reply) => {
    const form: ProductForm = productFormSchema.parse(req.body ?? {});
    const checked = checkProductForm(form, await adminLocale(req, services));
    if (!checked.ok) {
      return showEditor(req, reply, services, { form, errors: (ctx) => translate(ctx.t, checked.errors) }, 400);
    }
    // A new product has no file yet: publishing a download at once needs the explicit confirmation.
    const category = checked.input.tax?.category ?? DEFAULT_TAX_CATEGORY;
    const confirmed = form.publishWithoutFile === '1';
    if (
      publishNeedsConfirmation({
        wasPublished: false,
        input: checked.input,
        category,
        deliversSomething: false,
        confirmed,
      })
    ) {
      return showEditor(req, reply, services, { form, errors: noFileError }, 400);
    }
    const result = await createProduct({ db, input: checked.input, actor: currentAdmin(req).user.email });
    if (result.kind !== 'ok') {
      return showEditor(
        req,
        reply,
        services,
        { form, errors: (ctx) => ({ slug: ctx.t('catalog.error.slugTaken') }) },
        400,
      );
    }
    const done =
      checked.input.status !== 'published'
        ? 'created'
        : isDownloadCategory(category)
          ? 'published-nofile'
          : 'created-published';
    return reply.redirect(editorUrl(result.id, done), 303);
  });

  app.get(
    '/admin/products/:id',
    { ...guard, schema: { params: idParams, querystring: doneQuery } },
    async (req, reply) => {
      const product = await findProductById(db, req.params.id);
      if (!product) throw notFound('Product not found');
      return showEditor(req, reply, services, { product, notice: req.query.done });
    },
  );

  app.post('/admin/products/:id', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const product = await findProductById(db, req.params.id);
    if (!product) throw notFound('Product not found');
    const form: ProductForm = productFormSchema.parse(req.body ?? {});
    const checked = checkProductForm(form, await adminLocale(req, services));
    if (!checked.ok) {
      return showEditor(
        req,
        reply,
        services,
        { product, form, errors: (ctx) => translate(ctx.t, checked.errors) },
        400,
      );
    }
    const stored = (await productTaxOf(db, [product.id])).get(product.id)?.category ?? DEFAULT_TAX_CATEGORY;
    const category = checked.input.tax?.category ?? stored;
    const delivers = await deliversSomething(db, product.id);
    const needsConfirmation = publishNeedsConfirmation({
      wasPublished: product.status === 'published',
      input: checked.input,
      category,
      deliversSomething: delivers,
      confirmed: form.publishWithoutFile === '1',
    });
    if (needsConfirmation) return showEditor(req, reply, services, { product, form, errors: noFileError }, 400);
    const result = await updateProduct({
      db,
      id: product.id,
      input: checked.input,
      actor: currentAdmin(req).user.email,
    });
    if (result.kind === 'not-found') throw notFound('Product not found');
    if (result.kind === 'slug-taken') {
      return showEditor(
        req,
        reply,
        services,
        { product, form, errors: (ctx) => ({ slug: ctx.t('catalog.error.slugTaken') }) },
        400,
      );
    }
    const empty = checked.input.status === 'published' && isDownloadCategory(category) && !delivers;
    return reply.redirect(editorUrl(product.id, empty ? 'published-nofile' : 'saved'), 303);
  });

  app.get('/admin/products/:id/preview', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const product = await findProductById(db, req.params.id);
    if (!product) throw notFound('Product not found');
    const [files, ctx] = await Promise.all([listProductFiles(db, product.id), adminPageContext(req, reply, services)]);
    return sendPage(reply, ProductPage({ ctx, product, files, publicUrl: services.config.publicUrl, preview: true }));
  });
}

/** The form's message keys as texts in the reader's language. */
const noFileError = (ctx: PageContext): EditorErrors => ({
  publishWithoutFile: ctx.t('catalog.error.publishWithoutFile'),
});

function translate(t: Translate, errors: ProductFormErrors): EditorErrors {
  const out: EditorErrors = {};
  for (const [field, key] of Object.entries(errors)) if (key) out[field] = t(key);
  return out;
}
