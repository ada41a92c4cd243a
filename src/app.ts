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
import type { Services } from './services.js';
import { handOverAdminRequests } from './web/admin-app.js';
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

/**
 * Builds the HTTP app: plugins here, then every feature's routes from the one list (`features/index.ts`).
 * Requests under /admin go to a second app with the features' admin routes, built on the first of
 * them (`web/admin-app.ts`).
 */
export async function buildApp(services: Services, opts: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = createApp(services, opts);
  handOverAdminRequests(app, () => buildAdminApp(services, opts));
  await registerPlugins(app, services, { assets: true });
  for (const feature of features) feature.routes?.(app, services);
  return app;
}

/** The admin's app: the same plugins and hooks, the routes under /admin, their modules loaded now. */
async function buildAdminApp(services: Services, opts: FastifyServerOptions): Promise<FastifyInstance> {
  const loading = [
    import('./jobs/admin.routes.js').then((m) => [m.registerJobAdminRoutes]),
    ...features.map((f) => f.adminRoutes?.() ?? []),
  ];
  const registrars = (await Promise.all(loading)).flat();
  const app = createApp(services, opts);
  await registerPlugins(app, services, { assets: false });
  for (const register of registrars) register(app, services);
  await app.ready();
  return app;
}

function createApp(services: Services, opts: FastifyServerOptions): FastifyInstance {
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
  return app;
}

/**
 * What both apps have before their routes: cookies, forms, security headers, CSRF, rate limits,
 * errors and HEAD; the public app serves the assets too.
 */
async function registerPlugins(app: FastifyInstance, services: Services, opts: { assets: boolean }): Promise<void> {
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
  if (opts.assets) {
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
  }

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
  registerHeadRequests(app);
}
