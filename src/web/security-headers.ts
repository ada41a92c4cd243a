import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/**
 * The headers helmet sets with our options, computed once. Every directive is
 * a fixed string (no per-request nonce), so the result is the same for every
 * request; running helmet's twelve middlewares per request cost more than a
 * bare Fastify route in total.
 */
export function securityHeaders(config: Config, fileOrigin?: string): Record<string, string> {
  // Files on S3 come by redirect from the bucket's origin: pictures, audio and video, and hls.js's requests.
  const files = fileOrigin ? [fileOrigin] : [];
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...files],
        mediaSrc: ["'self'", ...files],
        connectSrc: ["'self'", ...files],
        // The stylesheet uses the system's fonts only (no @font-face), so no page loads a font.
        fontSrc: ["'none'"],
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
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  applyHeaders({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  headers['permissions-policy'] = PERMISSIONS_POLICY;
  return headers;
}

/**
 * Powerful browser features no page of the store uses, switched off for the
 * page and anything it embeds (a stored script that slipped through could not
 * ask for the camera or location, and no ad or topics API sees the visitors).
 * Checkout is a redirect to the provider, so `payment` is off too. Only names
 * Chromium recognises, so its console stays clean; fullscreen stays with the site.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'captured-surface-control=()',
  'compute-pressure=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=(self)',
  'gamepad=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'identity-credentials-get=()',
  'idle-detection=()',
  'interest-cohort=()',
  'local-fonts=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'otp-credentials=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-create=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'speaker-selection=()',
  'usb=()',
  'window-management=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * JSON answers of the public API are never rendered as documents, so the
 * document headers (opener and origin-agent policies, legacy IE and Flash
 * switches) do nothing for them. They get what protects a JSON answer — as
 * OWASP's REST cheat sheet lists — in a stricter form than pages: nothing may
 * load or frame it, no sniffing it into HTML, no referrer, HSTS under https.
 */
export function apiSecurityHeaders(pageHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': PERMISSIONS_POLICY,
  };
  const hsts = pageHeaders['strict-transport-security'];
  if (hsts) headers['strict-transport-security'] = hsts;
  return headers;
}

/** The JSON API's paths (the licence API answers in Lemon Squeezy's /api/v1 and Gumroad's /v2 shapes). */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/v2/');
}

/**
 * Security headers on every response: for pages a strict Content-Security-Policy
 * (no inline scripts or styles), nosniff, frame-ancestors, HSTS under https;
 * for the JSON API the set above. Set as reply headers, so a route can still
 * replace one (the outbox preview's CSP).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config, fileOrigin?: string): void {
  const pageHeaders = securityHeaders(config, fileOrigin);
  const apiHeaders = apiSecurityHeaders(pageHeaders);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(isApiPath(req.url) ? apiHeaders : pageHeaders);
    done();
  });
}
