import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { impressumMarkdown, missingImpressumFields, readImpressum } from './impressum.js';
import { LegalPage } from './legal.page.js';
import { isEditablePage, loadLegalPage } from './legal-pages.js';
import { LEGAL_LINKS } from './links.js';

/** /impressum, /privacy (/datenschutz), /terms (/agb), /withdrawal (/widerruf), /accessibility (/barrierefreiheit). */
export function registerLegalPageRoutes(app: FastifyInstance, services: Services): void {
  const { db } = services.database;
  for (const link of LEGAL_LINKS) {
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = await pageContext(req, reply, services);
      const title = ctx.t(link.label);
      if (link.kind === 'impressum') {
        const impressum = await readImpressum(db);
        const template = missingImpressumFields(impressum).length > 0;
        return sendPage(reply, LegalPage({ ctx, title, markdown: impressumMarkdown(impressum, ctx.t), template }));
      }
      if (!isEditablePage(link.kind)) return reply.callNotFound();
      const page = await loadLegalPage(db, link.kind, ctx.locale);
      return sendPage(reply, LegalPage({ ctx, title, markdown: page.body, template: page.template }));
    };
    app.get(link.path, handler);
    app.get(link.alias, handler);
  }
}
