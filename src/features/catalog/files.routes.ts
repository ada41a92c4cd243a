import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { addFileVersion } from './add-file-version.js';
import { addProductFile } from './add-product-file.js';
import { idParams } from './admin.routes.js';
import { COVER_MAX_BYTES } from './cover-image.js';
import { deleteFile } from './delete-file.js';
import { editorUrl, showEditor, sizeLimit } from './editor.js';
import { moveFile } from './move-file.js';
import { acceptMultipartForms, takeUpload } from './multipart.js';
import type { EditorErrors } from './product-editor.page.js';
import { findProductById } from './queries.js';
import { renameFile } from './rename-file.js';
import { removeCover, uploadCover } from './upload-cover.js';

const fileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
const moveForm = z.object({ direction: z.enum(['up', 'down']) });
const renameForm = z.object({ name: z.string().max(2000).default('') });

type UploadFailure = 'missing' | 'too-large' | 'empty' | 'not-image';

/** The form error for a failed upload; too large answers 413. */
function uploadError(ctx: PageContext, kind: UploadFailure, maxBytes: number): string {
  if (kind === 'too-large') return ctx.t('catalog.upload.tooLarge', { size: sizeLimit(ctx, maxBytes) });
  if (kind === 'empty') return ctx.t('catalog.upload.empty');
  if (kind === 'not-image') return ctx.t('catalog.cover.notImage');
  return ctx.t('catalog.upload.missing');
}

/**
 * Covers and product files. Multipart forms are accepted only in this scope;
 * the CSRF check and the admin guard run on the fields before the file, the
 * file itself is streamed only inside the handler.
 */
export function registerProductFileRoutes(fastify: FastifyInstance, services: Services): void {
  fastify.register(async (scoped) => {
    const maxBytes = services.config.maxUploadBytes;
    acceptMultipartForms(scoped, Math.max(maxBytes, COVER_MAX_BYTES));
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    const { db } = services.database;
    const guard = requireAdmin(services);

    async function failed(
      req: FastifyRequest,
      reply: FastifyReply,
      productId: string,
      errors: (ctx: PageContext) => EditorErrors,
      status = 400,
    ) {
      const product = await findProductById(db, productId);
      if (!product) throw notFound('Product not found');
      return showEditor(req, reply, services, { product, errors }, status);
    }

    app.post('/admin/products/:id/cover', { preHandler: guard, schema: { params: idParams } }, async (req, reply) => {
      const { upload } = takeUpload(req);
      const actor = currentAdmin(req).user.email;
      const r = await uploadCover({ db, storage: services.storage, productId: req.params.id, upload, actor });
      if (r.kind === 'not-found') throw notFound('Product not found');
      if (r.kind !== 'ok') {
        const status = r.kind === 'too-large' ? 413 : 400;
        return failed(
          req,
          reply,
          req.params.id,
          (ctx) => ({ cover: uploadError(ctx, r.kind, COVER_MAX_BYTES) }),
          status,
        );
      }
      return reply.redirect(editorUrl(req.params.id, 'cover', 'cover'), 303);
    });

    app.post(
      '/admin/products/:id/cover/remove',
      { preHandler: guard, schema: { params: idParams } },
      async (req, reply) => {
        await removeCover({
          db,
          storage: services.storage,
          productId: req.params.id,
          actor: currentAdmin(req).user.email,
        });
        return reply.redirect(editorUrl(req.params.id, 'cover-removed', 'cover'), 303);
      },
    );

    app.post('/admin/products/:id/files', { preHandler: guard, schema: { params: idParams } }, async (req, reply) => {
      const { fields, upload } = takeUpload(req);
      const r = await addProductFile({
        db,
        storage: services.storage,
        productId: req.params.id,
        upload,
        displayName: fields.name,
        maxBytes,
        actor: currentAdmin(req).user.email,
      });
      if (r.kind === 'not-found') throw notFound('Product not found');
      if (r.kind !== 'ok') {
        const status = r.kind === 'too-large' ? 413 : 400;
        return failed(req, reply, req.params.id, (ctx) => ({ file: uploadError(ctx, r.kind, maxBytes) }), status);
      }
      return reply.redirect(editorUrl(req.params.id, 'file', 'files'), 303);
    });

    app.post(
      '/admin/products/:id/files/:fileId/versions',
      { preHandler: guard, schema: { params: fileParams } },
      async (req, reply) => {
        const { id, fileId } = req.params;
        const { fields, upload } = takeUpload(req);
        const r = await addFileVersion({
          db,
          storage: services.storage,
          productId: id,
          fileId,
          upload,
          notifyBuyers: fields.notify === '1',
          maxBytes,
          actor: currentAdmin(req).user.email,
        });
        if (r.kind === 'not-found') throw notFound('File not found');
        if (r.kind !== 'ok') {
          const status = r.kind === 'too-large' ? 413 : 400;
          return failed(
            req,
            reply,
            id,
            (ctx) => ({ [`version:${fileId}`]: uploadError(ctx, r.kind, maxBytes) }),
            status,
          );
        }
        if (r.notified) services.nudgeWorker();
        return reply.redirect(editorUrl(id, r.notified ? 'version-notify' : 'version', `file-${fileId}`), 303);
      },
    );

    app.post(
      '/admin/products/:id/files/:fileId/rename',
      { preHandler: guard, schema: { params: fileParams } },
      async (req, reply) => {
        const { id, fileId } = req.params;
        const { name } = renameForm.parse(req.body ?? {});
        const r = await renameFile({ db, productId: id, fileId, name, actor: currentAdmin(req).user.email });
        if (r.kind === 'not-found') throw notFound('File not found');
        if (r.kind === 'invalid') {
          return failed(req, reply, id, (ctx) => ({ [`rename:${fileId}`]: ctx.t('catalog.files.nameInvalid') }));
        }
        return reply.redirect(editorUrl(id, 'renamed', `file-${fileId}`), 303);
      },
    );

    app.post(
      '/admin/products/:id/files/:fileId/move',
      { preHandler: guard, schema: { params: fileParams } },
      async (req, reply) => {
        const { id, fileId } = req.params;
        const { direction } = moveForm.parse(req.body ?? {});
        if (!(await moveFile({ db, productId: id, fileId, direction }))) throw notFound('File not found');
        return reply.redirect(editorUrl(id, 'moved', 'files'), 303);
      },
    );

    app.post(
      '/admin/products/:id/files/:fileId/delete',
      { preHandler: guard, schema: { params: fileParams } },
      async (req, reply) => {
        const { id, fileId } = req.params;
        if (!(await deleteFile({ db, productId: id, fileId, actor: currentAdmin(req).user.email }))) {
          throw notFound('File not found');
        }
        return reply.redirect(editorUrl(id, 'deleted', 'files'), 303);
      },
    );
  });
}
