import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { COVER_MAX_BYTES } from './cover-image.js';
import { acceptMultipartForms, takeUpload } from './multipart.js';
import { type IntroInput, readStoreIntro, saveStoreIntro } from './store-intro.js';
import { StoreIntroEditorPage } from './store-intro-editor.page.js';

/** The store home's intro: written on /admin/store (a multipart form for the picture). */
export function registerStoreIntroRoutes(fastify: FastifyInstance, services: Services): void {
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  fastify.get('/admin/store', guard, async (req, reply) => {
    const saved = (req.query as Record<string, unknown>).saved === '1';
    const ctx = await adminPageContext(req, reply, services);
    const intro = await readStoreIntro(db);
    return sendPage(reply, StoreIntroEditorPage({ ctx, intro, notice: saved ? 'saved' : undefined }));
  });

  fastify.register(async (scoped) => {
    acceptMultipartForms(scoped, COVER_MAX_BYTES);
    scoped.post('/admin/store', guard, async (req, reply) => {
      const { fields, upload } = takeUpload(req);
      const input: IntroInput = {
        headline: fields.headline ?? '',
        text: fields.text ?? '',
        imageAlt: fields.imageAlt ?? '',
        removeImage: fields.removeImage === '1',
      };
      const r = await saveStoreIntro({
        db,
        storage: services.storage,
        input,
        upload,
        actor: currentAdmin(req).user.email,
      });
      if (r.ok) return reply.redirect('/admin/store?saved=1', 303);
      const ctx = await adminPageContext(req, reply, services);
      const intro = await readStoreIntro(db);
      const status = r.errors.image === 'too-large' ? 413 : 400;
      return sendPage(reply, StoreIntroEditorPage({ ctx, intro, values: input, errors: r.errors }), status);
    });
  });
}
