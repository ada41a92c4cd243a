import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/schema.js';
import { missingScope, unauthenticated } from './problems.js';
import type { ApiScope } from './scopes.js';
import { type ApiCaller, authenticateToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a /api/v1 route needs; routes without one (the document, its page) need no token. */
    apiScope?: ApiScope;
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;
const callers = new WeakMap<FastifyRequest, ApiCaller>();

/** The token a request was authenticated with (set by the scope's hook before any handler runs). */
export function callerOf(req: FastifyRequest): ApiCaller {
  const caller = callers.get(req);
  if (!caller) throw unauthenticated();
  return caller;
}

/** What the rate limit counts by: the token presented (hashed), else the address. */
export function rateLimitKey(req: FastifyRequest): string {
  const match = BEARER.exec(req.headers.authorization ?? '');
  return match?.[1] ? `api:${createHash('sha256').update(match[1]).digest('hex')}` : `api-ip:${req.ip}`;
}

/**
 * Every route with an `apiScope` wants `Authorization: Bearer <token>` of a
 * live token that has that scope: 401 (with WWW-Authenticate) or 403 otherwise.
 */
export function requireApiToken(scope: FastifyInstance, db: Db): void {
  scope.addHook('onRequest', async (req, reply) => {
    const needed = req.routeOptions.config.apiScope;
    if (!needed) return;
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    const caller = token ? await authenticateToken(db, token) : undefined;
    if (!caller) {
      reply.header('www-authenticate', 'Bearer realm="api"');
      throw unauthenticated();
    }
    if (!caller.scopes.includes(needed)) {
      reply.header('www-authenticate', `Bearer realm="api", error="insufficient_scope", scope="${needed}"`);
      throw missingScope(needed);
    }
    callers.set(req, caller);
  });
}
