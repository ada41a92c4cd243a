import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/**
 * Security headers on every response: a strict Content-Security-Policy (no
 * inline scripts or styles), nosniff, frame-ancestors, HSTS under https.
 * The helmet middleware is built once here; the Fastify wrapper rebuilt it,
 * directives and all, on every request.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The checkout form's answer redirects to Stripe Checkout; browsers apply form-action to that redirect.
        formAction: ["'self'", 'https://checkout.stripe.com'],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (req, reply, done) => {
    applyHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
