import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { AppError, notFound } from '../../web/errors.js';
import { adminRefund } from '../orders/admin-refund.js';
import { callerOf, requireApiToken } from './auth.js';
import { registerApiDocRoutes } from './docs.routes.js';
import { endpoint } from './endpoint.js';
import { guardIdempotency } from './idempotency.js';
import { registerKindRoutes } from './kinds.routes.js';
import { collectRoutes } from './openapi-document.js';
import {
  findOrderWithItems,
  findProduct,
  listCustomers,
  listLicenseKeys,
  listMembers,
  listOrders,
  listPosts,
  listProducts,
  listTiers,
} from './resources.js';
import {
  customer,
  idParams,
  licenseKey,
  licenseKeyListQuery,
  member,
  orderListQuery,
  order as orderSchema,
  orderWithItems,
  pageOf,
  pageQuery,
  post,
  product,
  refundBody,
  tier,
} from './schemas.js';

export { API_RATE_PER_MINUTE } from './endpoint.js';

/**
 * The public REST API under /api/v1, in its own scope: the OpenAPI document is
 * collected from these routes only (the licence API beside it keeps its own
 * shapes and is not part of it), every route wants a token with its scope,
 * and every POST an Idempotency-Key.
 */
export function registerApiV1Routes(fastify: FastifyInstance, services: Services): void {
  const { db } = services.database;
  fastify.register((scope, _opts, done) => {
    const routes = collectRoutes(scope);
    requireApiToken(scope, db);
    guardIdempotency(scope, db);
    registerReadRoutes(scope, services);
    registerOrderRoutes(scope, services);
    registerKindRoutes(scope, services);
    registerApiDocRoutes(scope, services, routes);
    done();
  });
}

function registerReadRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const products = endpoint('products:read', 'Products', 'List products');
  app.get(
    '/api/v1/products',
    { ...products, schema: { ...products.schema, querystring: pageQuery, response: { 200: pageOf(product) } } },
    (req) => listProducts(db, req.query),
  );

  const oneProduct = endpoint('products:read', 'Products', 'Get a product');
  app.get(
    '/api/v1/products/:id',
    { ...oneProduct, schema: { ...oneProduct.schema, params: idParams, response: { 200: product } } },
    async (req) => (await findProduct(db, req.params.id)) ?? Promise.reject(notFound('Product not found')),
  );

  const customers = endpoint('customers:read', 'Customers', 'List customers with their paid orders');
  app.get(
    '/api/v1/customers',
    { ...customers, schema: { ...customers.schema, querystring: pageQuery, response: { 200: pageOf(customer) } } },
    (req) => listCustomers(db, req.query),
  );

  const keys = endpoint('license-keys:read', 'Licence keys', 'List licence keys');
  app.get(
    '/api/v1/license-keys',
    {
      ...keys,
      schema: { ...keys.schema, querystring: licenseKeyListQuery, response: { 200: pageOf(licenseKey) } },
    },
    (req) => {
      const { product: productId, email, ...page } = req.query;
      return listLicenseKeys(db, page, { product: productId, email });
    },
  );

  const members = endpoint('members:read', 'Members', 'List members');
  app.get(
    '/api/v1/members',
    { ...members, schema: { ...members.schema, querystring: pageQuery, response: { 200: pageOf(member) } } },
    (req) => listMembers(db, req.query),
  );

  const tiers = endpoint('tiers:read', 'Members', 'List membership tiers');
  app.get(
    '/api/v1/tiers',
    { ...tiers, schema: { ...tiers.schema, querystring: pageQuery, response: { 200: pageOf(tier) } } },
    (req) => listTiers(db, req.query),
  );

  const posts = endpoint('posts:read', 'Posts', 'List published posts');
  app.get(
    '/api/v1/posts',
    { ...posts, schema: { ...posts.schema, querystring: pageQuery, response: { 200: pageOf(post) } } },
    (req) => listPosts(db, req.query),
  );
}

function registerOrderRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const list = endpoint('orders:read', 'Orders', 'List orders');
  app.get(
    '/api/v1/orders',
    { ...list, schema: { ...list.schema, querystring: orderListQuery, response: { 200: pageOf(orderSchema) } } },
    (req) => {
      const { status, email, ...page } = req.query;
      return listOrders(db, page, { status, email });
    },
  );

  const one = endpoint('orders:read', 'Orders', 'Get an order with its items');
  app.get(
    '/api/v1/orders/:id',
    { ...one, schema: { ...one.schema, params: idParams, response: { 200: orderWithItems } } },
    async (req) => (await findOrderWithItems(db, req.params.id)) ?? Promise.reject(notFound('Order not found')),
  );

  const refund = endpoint('orders:write', 'Orders', 'Refund an order in full');
  app.post(
    '/api/v1/orders/:id/refund',
    {
      ...refund,
      schema: {
        ...refund.schema,
        description:
          'Refunds everything not refunded yet through the payment provider, which ends the buyer’s access. Needs an Idempotency-Key: the same key with the same request answers the first answer again.',
        params: idParams,
        body: refundBody,
        response: { 200: orderWithItems },
      },
    },
    async (req) => {
      const { tokenId } = callerOf(req);
      const result = await adminRefund({
        services,
        orderId: req.params.id,
        actor: `api-token:${tokenId}`,
        requestId: `api:${tokenId}:${String(req.headers['idempotency-key'])}`,
      });
      if (result === 'not-found') throw notFound('Order not found');
      if (result === 'not-paid' || result === 'invalid-amount')
        throw new AppError('order_not_refundable', 409, 'Only a paid order can be refunded');
      if (result === 'provider-error')
        throw new AppError('refund_failed', 502, 'The payment provider did not take the refund');
      return (await findOrderWithItems(db, req.params.id)) ?? Promise.reject(notFound('Order not found'));
    },
  );
}
