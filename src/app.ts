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
import { registerAdminRoutes } from './features/admin/routes.js';
import { registerAnalyticsRoutes } from './features/analytics/routes.js';
import { registerAccountRoutes } from './features/auth/account.routes.js';
import { registerAuthRoutes } from './features/auth/routes.js';
import { registerCatalogRoutes } from './features/catalog/routes.js';
import { registerCheckoutRoutes } from './features/checkout/routes.js';
import { registerDeliveryRoutes } from './features/delivery/routes.js';
import { registerDiscountsRoutes } from './features/discounts/routes.js';
import { registerEmailRoutes } from './features/email/routes.js';
import { registerInvoicesRoutes } from './features/invoices/routes.js';
import { registerLegalRoutes } from './features/legal/routes.js';
import { registerLibraryRoutes } from './features/library/routes.js';
import { registerLicensingRoutes } from './features/licensing/routes.js';
import { registerMembershipsRoutes } from './features/memberships/routes.js';
import { registerNewsletterRoutes } from './features/newsletter/routes.js';
import { ONE_CLICK_UNSUBSCRIBE } from './features/newsletter/unsubscribe-links.js';
import { registerOrdersRoutes } from './features/orders/routes.js';
import { registerPaymentsRoutes } from './features/payments/routes.js';
import { registerPostsRoutes } from './features/posts/routes.js';
import { registerSetupRoutes } from './features/setup/routes.js';
import { registerShellRoutes } from './features/shell/routes.js';
import { registerTaxRoutes } from './features/tax/routes.js';
import { registerJobAdminRoutes } from './jobs/admin.routes.js';
import type { Services } from './services.js';
import { ASSETS_BUILT, ASSETS_DIR, assetCacheControl } from './web/assets.js';
import { registerErrorHandling } from './web/error-handler.js';
import { registerSecurityHeaders } from './web/security-headers.js';

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

/** Builds the HTTP app: plugins and features are registered here, explicitly and in order. */
export async function buildApp(services: Services, opts: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.log,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: services.config.trustProxy,
    bodyLimit: 1024 * 1024,
    logController: new RequestLog(),
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
  registerSecurityHeaders(app, services.config);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: services.config.secureCookies },
    getToken: (req) =>
      (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string),
  });
  await app.register(rateLimit, { global: false });
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
  registerShellRoutes(app, services);
  registerSetupRoutes(app, services);
  registerAuthRoutes(app, services);
  registerAccountRoutes(app, services);
  registerAdminRoutes(app, services);
  registerEmailRoutes(app, services);
  registerJobAdminRoutes(app, services);
  registerCatalogRoutes(app, services);
  registerCheckoutRoutes(app, services);
  registerPaymentsRoutes(app, services);
  registerDeliveryRoutes(app, services);
  registerLibraryRoutes(app, services);
  registerOrdersRoutes(app, services);
  registerDiscountsRoutes(app, services);
  registerLicensingRoutes(app, services);
  registerTaxRoutes(app, services);
  registerInvoicesRoutes(app, services);
  registerAnalyticsRoutes(app, services);
  registerLegalRoutes(app, services);
  registerMembershipsRoutes(app, services);
  registerNewsletterRoutes(app, services);
  registerPostsRoutes(app, services);
  return app;
}
