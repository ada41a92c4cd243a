import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { adminNavOf, features, librarySectionsOf, privacyPartsOf, productSectionsOf } from './features/index.js';
import { ONE_CLICK_UNSUBSCRIBE } from './features/newsletter/unsubscribe-links.js';
import { registerJobAdminRoutes } from './jobs/admin.routes.js';
import type { Services } from './services.js';
import { ASSETS_BUILT, ASSETS_DIR, assetCacheControl } from './web/assets.js';
import { registerErrorHandling } from './web/error-handler.js';
import { registerHeadRequests } from './web/head-requests.js';
import { rateLimitStoreFor } from './web/rate-limit-store.js';
import { registerSecurityHeaders } from './web/security-headers.js';
import { ZOD_COMPILERS } from './web/zod-compilers.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Fastify's lines per request: an arriving request and an answer that went well are debug lines
 * (two info lines for every request cost a good part of a page's time); a refusal (4xx) is one info
 * line with the request, and failures keep their error lines.
 */
class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) super.requestCompleted(error, request, reply);
    else if (reply.statusCode >= 400)
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the HTTP app: plugins here, then every feature's routes from the one list (`features/index.ts`). */
export async function buildApp(services: Services, opts: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.log,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: services.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // One route answers HEAD for every GET route (web/head-requests.ts) instead of a copy of each.
    exposeHeadRoutes: false,
    logController: new RequestLog(),
    schemaController: { compilersFactory: ZOD_COMPILERS },
    ...opts,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Set when the request arrives (a plain hook, no promise per response); error answers keep it.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  await app.register(cookie, { secret: services.config.sessionSecret });
  await app.register(formbody);
  registerSecurityHeaders(app, services.config, services.storage.origin);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: services.config.secureCookies },
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string),
  });
  // On PostgreSQL every instance counts in the database, so a limit holds for the whole store.
  await app.register(rateLimit, { global: false, store: rateLimitStoreFor(services.database) });
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    decorateReply: false,
    // The build has a .br and .gz copy of each text asset; versioned URLs (assetUrl) are immutable there.
    preCompressed: ASSETS_BUILT,
    setHeaders: (reply, path) => {
      reply.header('cache-control', assetCacheControl(path, reply.request.url));
    },
  });

  // Every browser form is CSRF-checked; the JSON API authenticates by token instead. preValidation runs
  // after the body is parsed but before a route's zod schema, which would strip the `_csrf` field.
  app.addHook('preValidation', (req, reply, done) => {
    if (!UNSAFE_METHODS.has(req.method) || req.url.startsWith('/api/') || req.url.startsWith('/v2/')) return done();
    // RFC 8058 one-click unsubscribe comes from mail providers without a token; its URL is HMAC-signed.
    if (req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.url)) return done();
    app.csrfProtection(req, reply, done);
  });

  registerErrorHandling(app, services);
  app.decorate('adminNav', adminNavOf());
  app.decorate('privacyParts', privacyPartsOf());
  app.decorate('productSections', productSectionsOf());
  app.decorate('librarySections', librarySectionsOf());
  registerJobAdminRoutes(app, services);
  registerHeadRequests(app);
  for (const feature of features) feature.routes?.(app, services);
  return app;
}
