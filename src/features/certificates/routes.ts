import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { currentCustomer, requireCustomer } from '../library/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { verifyPath } from './certificate-texts.js';
import { renderCertificatePdf } from './pdf.js';
import { readCertificateId } from './public-id.js';
import { VerifyPage } from './verify.page.js';

const idParams = z.object({ id: z.string().max(40) });

/** The public verification page and the student's PDF download. */
export function registerCertificateRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const find = async (typed: string) => {
    const id = readCertificateId(typed);
    return id ? db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  };

  app.get('/verify/:id', { schema: { params: idParams } }, async (req, reply) => {
    const cert = await find(req.params.id);
    if (!cert) throw notFound('Certificate not found');
    // A typed id in another spelling (lower case, no dashes) goes to the one address.
    if (cert.id !== req.params.id) return reply.redirect(verifyPath(cert.id), 301);
    const ctx = await pageContext(req, reply, services);
    return sendPage(reply.header('cache-control', 'no-cache'), VerifyPage({ ctx, cert }));
  });

  // Only the certificate's own student (library session by address); others get 404, as for a wrong id.
  app.get(
    '/library/certificates/:id',
    { preHandler: requireCustomer(services), schema: { params: idParams } },
    async (req, reply) => {
      const cert = await find(req.params.id);
      if (!cert || cert.email !== currentCustomer(req).email) throw notFound('Certificate not found');
      // A revoked certificate is no longer handed out; its page says since when.
      if (cert.revoked_at) return reply.redirect(verifyPath(cert.id), 303);
      const settings = await getStoreSettings(db);
      const pdf = await renderCertificatePdf(cert, {
        storeName: settings.storeName,
        publicUrl: services.config.publicUrl,
        timeZone: settings.timeZone,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${cert.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
