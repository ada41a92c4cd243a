import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { readProductLegal, saveProductLegal } from './product-legal.js';
import { ProductLegalPage } from './product-legal.page.js';

const params = z.object({ id: z.uuid() });
const body = z.object({
  distanceLearning: z.string().max(5).optional(),
  licence: z.string().trim().max(100).default(''),
});

/** Admin: a product's legal flags (FernUSG). */
export function registerProductLegalRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const findProduct = (id: string) =>
    db.selectFrom('products').select(['id', 'title']).where('id', '=', id).executeTakeFirst();

  app.get(
    '/admin/products/:id/legal',
    { preHandler: requireAdmin(services), schema: { params } },
    async (req, reply) => {
      const product = await findProduct(req.params.id);
      if (!product) throw notFound('Product not found');
      const ctx = await adminPageContext(req, reply, services);
      return sendPage(reply, ProductLegalPage({ ctx, product, value: await readProductLegal(db, product.id) }));
    },
  );

  app.post(
    '/admin/products/:id/legal',
    { preHandler: requireAdmin(services), schema: { params } },
    async (req, reply) => {
      const product = await findProduct(req.params.id);
      if (!product) throw notFound('Product not found');
      const form = body.parse(req.body ?? {});
      const value = { distanceLearning: Boolean(form.distanceLearning), licence: form.licence };
      await saveProductLegal(db, product.id, value, currentAdmin(req).user.email);
      return reply.redirect(`/admin/products/${product.id}/legal`, 303);
    },
  );
}
