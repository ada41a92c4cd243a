import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { ApiInputError, licenseKeyOf } from './api-input.js';
import { gumroadFailure } from './gumroad-response.js';
import { type LemonVerb, lemonFailure } from './lemon-response.js';
import { hashLicenseKey } from './license-key.js';
import { RequestCounter } from './request-counter.js';

export const LICENSE_API = {
  activate: '/api/v1/licenses/activate',
  validate: '/api/v1/licenses/validate',
  deactivate: '/api/v1/licenses/deactivate',
  file: '/api/v1/licenses/file',
  gumroadVerify: '/v2/licenses/verify',
} as const;

const LEMON_VERBS: Record<string, LemonVerb> = {
  [LICENSE_API.activate]: 'activated',
  [LICENSE_API.validate]: 'valid',
  [LICENSE_API.deactivate]: 'deactivated',
};

/** A refusal in the shape of the endpoint that was called. */
function failureBody(url: string | undefined, message: string): unknown {
  if (url === LICENSE_API.gumroadVerify) return gumroadFailure(message);
  const verb = url ? LEMON_VERBS[url] : undefined;
  return verb ? lemonFailure(verb, message) : { error: message };
}

class RateLimitedError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
  ) {
    super(`Too many requests. Try again in ${retryAfterSeconds} seconds.`);
    this.name = 'RateLimitedError';
  }
}

function classify(err: FastifyError | Error, url: string | undefined): { status: number; message: string } {
  if (err instanceof ApiInputError)
    return { status: url === LICENSE_API.gumroadVerify ? 400 : 422, message: err.message };
  if (err instanceof RateLimitedError) return { status: 429, message: err.message };
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 413) return { status, message: 'The request body is too large.' };
  if (status === 415) return { status, message: 'Send the fields as a form or as JSON.' };
  if (status >= 400 && status < 500) return { status, message: 'The request body could not be read.' };
  return { status: 500, message: 'Something went wrong on our side. Please try again.' };
}

/**
 * Software in a browser (a web app, a design-tool plugin) may call the API
 * from any origin: no cookies or credentials are involved, so every origin
 * may read the answers, and JSON requests get their preflight.
 */
function answerPreflights(scope: FastifyInstance): void {
  for (const url of Object.values(LICENSE_API)) {
    scope.options(url, (_req, reply) =>
      reply
        .status(204)
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, accept')
        .header('access-control-max-age', '86400')
        .send(),
    );
  }
}

/** The hash of the request's licence key, computed once by the per-key limit for the handler to look up. */
const keyHashes = new WeakMap<FastifyRequest, string>();

export function requestKeyHash(req: FastifyRequest): string | undefined {
  return keyHashes.get(req);
}

/**
 * Inside the licence API's scope: every refusal (bad input, too large, too
 * many requests, a failure of ours) answers in the endpoint's own JSON shape,
 * any origin may call it, and requests are limited per IP address (before the
 * body is read) and per licence key (after), each per minute. Plain callback
 * hooks and in-memory counters: no promise or store round trip per request.
 */
export function guardLicenseApi(scope: FastifyInstance, config: Config): void {
  answerPreflights(scope);
  scope.setErrorHandler((err: FastifyError, req, reply) => {
    const url = req.routeOptions.url;
    const { status, message } = classify(err, url);
    if (status >= 500) req.log.error({ err }, 'licence API request failed');
    if (err instanceof RateLimitedError) {
      reply.header('retry-after', String(err.retryAfterSeconds)).header('x-ratelimit-limit', String(err.limit));
    }
    return reply.status(status).type('application/json; charset=utf-8').send(failureBody(url, message));
  });

  const perIp = new RequestCounter(config.licenseRatePerIp);
  const perKey = new RequestCounter(config.licenseRatePerKey);
  scope.addHook('onRequest', (req, reply, done) => {
    reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    if (req.method === 'OPTIONS') return done();
    const wait = perIp.hit(req.ip);
    done(wait ? new RateLimitedError(wait, perIp.max) : undefined);
  });
  scope.addHook('preHandler', (req, _reply, done) => {
    const key = licenseKeyOf(req.body);
    if (key === undefined) return done();
    const keyHash = hashLicenseKey(key);
    keyHashes.set(req, keyHash);
    const wait = perKey.hit(keyHash);
    done(wait ? new RateLimitedError(wait, perKey.max) : undefined);
  });
}
