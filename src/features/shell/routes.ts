import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { LANG_COOKIE } from '../../web/context.js';
import { LOCALES } from '../../web/i18n.js';
import { safeLocalPath } from '../../web/render.js';
import { renderStoreHome } from '../catalog/store-home.js';
import { getStoreSettings } from '../settings/store-settings.js';

export function registerShellRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  app.get('/healthz', async (req, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok', database: services.database.dialect };
    } catch (err) {
      req.log.error({ err }, 'health check failed');
      return reply.status(503).send({ status: 'error', database: 'unreachable' });
    }
  });

  app.get('/favicon.ico', (_req, reply) => reply.redirect('/assets/favicon.svg', 301));

  app.get(
    '/lang/:locale',
    {
      schema: { params: z.object({ locale: z.enum(LOCALES) }), querystring: z.object({ back: z.string().optional() }) },
    },
    (req, reply) => {
      reply.setCookie(LANG_COOKIE, req.params.locale, {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'lax',
        httpOnly: true,
        secure: services.config.secureCookies,
      });
      return reply.redirect(safeLocalPath(req.query.back), 303);
    },
  );

  app.get('/', async (req, reply) => {
    const settings = await getStoreSettings(db);
    if (!settings.setupCompleted) return reply.redirect('/setup', 303);
    return renderStoreHome(req, reply, services);
  });
}
