import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { securityHeaders } from '../../web/security-headers.js';
import { ApiReferencePage } from './docs.page.js';
import { withRefusals } from './document.js';
import { buildOpenApiDocument, type CollectedRoute } from './openapi-document.js';
import { type OpenApiDocument, type ReferenceOperation, referenceOf } from './reference.js';

/**
 * The OpenAPI document and the reference page, open to anyone (they describe
 * the API, no data). The document is made from the scope's collected routes on
 * the first call and kept; the page's model is kept beside it.
 */
export function registerApiDocRoutes(scope: FastifyInstance, services: Services, routes: CollectedRoute[]): void {
  let document: Promise<OpenApiDocument> | undefined;
  let operations: ReferenceOperation[] | undefined;
  const documentOf = () => {
    document ??= buildOpenApiDocument(routes, services).then(
      (d) => withRefusals(d as OpenApiDocument),
      (err: unknown) => {
        document = undefined; // the next request tries again
        throw err;
      },
    );
    return document;
  };
  const hidden = { schema: { hide: true } };
  // Under /api/ every answer gets the JSON headers (CSP default-src 'none'), which would block
  // the stylesheet: the reference is a page and gets a page's headers.
  const pageHeaders = securityHeaders(services.config);

  scope.get('/api/v1/openapi.json', hidden, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').send(await documentOf()),
  );

  scope.get('/api/v1/docs', hidden, async (req, reply) => {
    operations ??= referenceOf(await documentOf());
    const ctx = await pageContext(req, reply, services);
    reply.headers(pageHeaders);
    return sendPage(reply, ApiReferencePage({ ctx, title: ctx.t('api.docs.title'), operations }));
  });
}
