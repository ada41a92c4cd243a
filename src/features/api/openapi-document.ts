import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Services } from '../../services.js';
import { ZOD_COMPILERS } from '../../web/zod-compilers.js';
import { API_TAGS } from './endpoint.js';

export type CollectedRoute = Pick<RouteOptions, 'method' | 'url' | 'schema'>;

/**
 * Collects the method, URL and schema of every route registered in `scope` from now on, for the
 * OpenAPI document. @fastify/swagger (with the YAML library it requires) would do the same from
 * the start, but costs every start about 50 ms for a document that is asked for rarely.
 */
export function collectRoutes(scope: FastifyInstance): CollectedRoute[] {
  const routes: CollectedRoute[] = [];
  scope.addHook('onRoute', (route) => {
    // Fastify adds a HEAD route per GET; the replay below adds them again the same way.
    if (route.method === 'HEAD') return;
    routes.push({ method: route.method, url: route.url, schema: route.schema });
  });
  return routes;
}

/**
 * Makes the OpenAPI 3.1 document on first use: @fastify/swagger in a Fastify instance of its
 * own that replays the collected routes (no handlers run, nothing listens), with the zod type
 * provider's transforms, as if it had watched the real scope.
 */
export async function buildOpenApiDocument(routes: CollectedRoute[], services: Services): Promise<unknown> {
  const [{ default: Fastify }, { default: swagger }, { jsonSchemaTransform, jsonSchemaTransformObject }] =
    await Promise.all([import('fastify'), import('@fastify/swagger'), import('fastify-type-provider-zod')]);
  const app = Fastify({ schemaController: { compilersFactory: ZOD_COMPILERS } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vielfach API',
        version: '1.0.0',
        description:
          'Products, orders, customers, licence keys, members, tiers, posts, courses, events, bookings and podcasts of this store. Lists are pages: `limit` (1–100, default 25) and `starting_after` (the last id seen) in, `{ data, has_more }` out. Amounts are integer minor units with their currency. Errors are RFC 9457 problem+json. Every POST needs an `Idempotency-Key` header.',
      },
      servers: [{ url: services.config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      tags: API_TAGS.map((name) => ({ name })),
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  for (const route of routes) app.route({ ...route, handler: async () => null });
  await app.ready();
  const document = app.swagger();
  await app.close();
  return document;
}
