import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DEFAULT_TIME_ZONE } from '../features/analytics/time-zone.js';
import type { Services } from '../services.js';
import { LANG_COOKIE, type PageContext, resolveLocale } from './context.js';
import { ErrorPage } from './error-page.js';
import { AppError, problem } from './errors.js';
import { translator } from './messages.js';
import { sendPage } from './render.js';

/** JSON for the API and for clients that ask for it; a friendly page for browsers. */
export function wantsJson(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url.startsWith('/v2/')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('json') && !accept.includes('text/html');
}

type Classified = { status: number; code: string; title: string; detail?: string | undefined };

function classify(err: FastifyError | AppError): Classified {
  if (err instanceof AppError) return { status: err.status, code: err.code, title: err.message };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const detail = err.validation.map((v) => `${v.instancePath || '/'} ${v.message}`).join('; ');
    return { status: 400, code: 'validation_failed', title: 'Invalid request', detail };
  }
  if (err.name === 'ZodError') return { status: 400, code: 'validation_failed', title: 'Invalid request' };
  const code = String(err.code ?? '');
  if (code.startsWith('FST_CSRF')) return { status: 403, code: 'csrf_invalid', title: 'Invalid or missing CSRF token' };
  const status = err.statusCode ?? 500;
  if (status === 429) return { status, code: 'rate_limited', title: 'Too many requests', detail: err.message };
  if (status >= 400 && status < 500) return { status, code: code || 'bad_request', title: err.message };
  return { status: 500, code: 'internal_error', title: 'Internal server error' };
}

function bareContext(req: FastifyRequest, storeName: string): PageContext {
  const locale = resolveLocale(req, 'en');
  return {
    locale,
    t: translator(locale),
    csrfToken: '',
    storeName,
    timeZone: DEFAULT_TIME_ZONE,
    path: '/',
    admin: undefined,
  };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, c: Classified): FastifyReply {
  if (wantsJson(req)) {
    return reply
      .status(c.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem(c.status, c.code, c.title, c.detail, req.url));
  }
  return sendPage(reply, ErrorPage({ ctx: bareContext(req, 'Vielfach'), status: c.status }), c.status);
}

export function registerErrorHandling(app: FastifyInstance, _services: Services): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const c = classify(err);
    if (c.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: c.code, status: c.status }, 'request rejected');
    return sendError(req, reply, c);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, { status: 404, code: 'not_found', title: 'Not found' }));
}

export { LANG_COOKIE };
