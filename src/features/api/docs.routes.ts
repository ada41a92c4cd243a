import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { securityHeaders } from '../../web/security-headers.js';
import { ApiReferencePage } from './docs.page.js';
import { withRefusals } from './document.js';
import { type OpenApiDocument, type ReferenceOperation, referenceOf } from './reference.js';

/**
 * The OpenAPI document and the reference page, open to anyone (they describe
 * the API, no data). @fastify/swagger makes the document on the first call
 * and keeps it; the page's model is kept beside it.
 */
export function registerApiDocRoutes(scope: FastifyInstance, services: Services): void {
  let document: OpenApiDocument | undefined;
  let operations: ReferenceOperation[] | undefined;
  const documentOf = () => {
    document ??= withRefusals(scope.swagger() as OpenApiDocument);
    return document;
  };
  const hidden = { schema: { hide: true } };
  // Under /api/ every answer gets the JSON headers (CSP default-src 'none'), which would block
  // the stylesheet: the reference is a page and gets a page's headers.
  const pageHeaders = securityHeaders(services.config);

  scope.get('/api/v1/openapi.json', hidden, (_req, reply) =>
    reply.header('cache-control', 'no-cache').send(documentOf()),
  );

  scope.get('/api/v1/docs', hidden, async (req, reply) => {
    operations ??= referenceOf(documentOf());
    const ctx = await pageContext(req, reply, services);
    reply.headers(pageHeaders);
    return sendPage(reply, ApiReferencePage({ ctx, title: ctx.t('api.docs.title'), operations }));
  });
}
