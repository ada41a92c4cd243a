import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { notFound } from '../../web/errors.js';
import { formatFileSize } from '../../web/format.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, takeUpload } from '../catalog/multipart.js';
import { ImportsPage } from './imports.page.js';
import { findRun, listLines, listRuns, shownPhase } from './queries.js';
import { ImportRunPage } from './run.page.js';
import { IMPORT_MAX_BYTES, startImport, type UploadResult, uploadImport } from './upload-import.js';

const idParams = z.object({ id: z.uuid() });
const linesQuery = z.object({
  action: z.enum(['create', 'merge', 'skip', '']).catch('').default(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** The upload page's error for a refused file. */
function uploadError(ctx: PageContext, r: Exclude<UploadResult, { kind: 'ok' }>): string {
  switch (r.kind) {
    case 'missing':
      return ctx.t('imports.upload.missing');
    case 'empty':
      return ctx.t('imports.upload.empty');
    case 'unreadable':
      return ctx.t('imports.upload.unreadable');
    case 'too-large':
      return ctx.t('imports.upload.tooLarge', { size: formatFileSize(r.maxBytes, ctx.locale) });
    case 'missing-columns':
      return ctx.t('imports.upload.missingColumns', { export: r.exportName, columns: r.columns.join(', ') });
  }
}

/** /admin/imports: upload (multipart, streamed), a run's dry run and progress, and starting the import. */
export function registerImportRoutes(fastify: FastifyInstance, services: Services): void {
  // The store's upload limit (MAX_UPLOAD_MB) when it is the smaller one.
  const maxBytes = Math.min(IMPORT_MAX_BYTES, services.config.maxUploadBytes);
  fastify.register(async (scoped) => {
    acceptMultipartForms(scoped, maxBytes);
    const app = scoped.withTypeProvider<ZodTypeProvider>();
    const { db } = services.database;
    const guard = { preHandler: requireAdmin(services) };

    app.get('/admin/imports', guard, async (req, reply) => {
      const ctx = await adminPageContext(req, reply, services);
      return sendPage(reply, ImportsPage({ ctx, runs: await listRuns(db), maxBytes }));
    });

    app.post('/admin/imports', guard, async (req, reply) => {
      const { upload } = takeUpload(req);
      const actor = currentAdmin(req).user.email;
      const r = await uploadImport({ db, storage: services.storage, upload, actor, maxBytes });
      if (r.kind === 'ok') {
        services.nudgeWorker();
        return reply.redirect(`/admin/imports/${r.runId}`, 303);
      }
      const ctx = await adminPageContext(req, reply, services);
      const page = ImportsPage({ ctx, runs: await listRuns(db), maxBytes, error: uploadError(ctx, r) });
      return sendPage(reply, page, r.kind === 'too-large' ? 413 : 400);
    });

    app.get('/admin/imports/:id', { ...guard, schema: { params: idParams } }, async (req, reply) => {
      const run = await findRun(db, req.params.id);
      if (!run) throw notFound('Import not found');
      const q = linesQuery.parse(req.query ?? {});
      const phase = shownPhase(run);
      const filter = q.action === '' ? null : q.action;
      const { rows, hasNext } = await listLines(db, run.id, { phase, action: filter, page: q.page });
      const ctx = await adminPageContext(req, reply, services);
      return sendPage(reply, ImportRunPage({ ctx, run, phase, lines: rows, filter, page: q.page, hasNext }));
    });

    app.post('/admin/imports/:id/start', { ...guard, schema: { params: idParams } }, async (req, reply) => {
      const run = await findRun(db, req.params.id);
      if (!run) throw notFound('Import not found');
      if (await startImport(db, run.id, currentAdmin(req).user.email)) {
        services.nudgeWorker();
        return reply.redirect(`/admin/imports/${run.id}`, 303);
      }
      const ctx = await adminPageContext(req, reply, services);
      const { rows, hasNext } = await listLines(db, run.id, { phase: shownPhase(run), action: null, page: 1 });
      const page = ImportRunPage({
        ctx,
        run,
        phase: shownPhase(run),
        lines: rows,
        filter: null,
        page: 1,
        hasNext,
        error: ctx.t('imports.run.notReady'),
      });
      return sendPage(reply, page, 409);
    });
  });
}
