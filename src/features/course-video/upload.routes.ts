import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { AppError, badRequest, notFound } from '../../web/errors.js';
import { requireAdmin } from '../auth/sessions.js';
import { appendChunk, parseContentRange } from './append-chunk.js';
import { findUpload } from './queries.js';
import { startVideoUpload } from './start-upload.js';

const startBody = z.object({
  lessonId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  totalBytes: z.number().int().min(1),
});
const uploadParams = z.object({ id: z.uuid() });

/** Chunks larger than this are refused: the client sends 8 MB. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

const conflict = (offset: number) => new AppError('upload_offset', 409, `The upload stands at byte ${offset}`);

/**
 * Resumable uploads (JSON and raw bytes, for assets/course-video-upload.js):
 * POST starts one, HEAD tells how far it got (`Upload-Offset`), PUT with
 * `Content-Range` adds the next chunk. Errors answer problem+json.
 */
export function registerUploadRoutes(fastify: FastifyInstance, services: Services): void {
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  fastify.register(async (scope) => {
    // The chunk stays a stream until the handler stores it: CSRF (header) and login are checked first.
    scope.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    // A chunk nobody read (refused before storing) would hold the connection: drop it once answered.
    scope.addHook('onResponse', async (req) => {
      const body = req.body as Readable | undefined;
      if (body && typeof body.readableEnded === 'boolean' && !body.readableEnded) req.raw.destroy();
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post('/admin/courses/videos/uploads', { ...guard, schema: { body: startBody } }, async (req, reply) => {
      const result = await startVideoUpload(db, { ...req.body, maxBytes: services.config.maxUploadBytes });
      if (result.kind === 'lesson-missing') throw notFound('No such lesson');
      if (result.kind === 'too-large') throw new AppError('too_large', 413, 'The file is larger than the upload limit');
      const url = `/admin/courses/videos/uploads/${result.uploadId}`;
      return reply
        .code(201)
        .header('location', url)
        .send({ ...result, uploadUrl: url, offset: 0 });
    });

    app.head(
      '/admin/courses/videos/uploads/:id',
      { ...guard, schema: { params: uploadParams } },
      async (req, reply) => {
        const upload = await findUpload(db, req.params.id);
        if (!upload) throw notFound('No such upload');
        return reply
          .header('upload-offset', String(upload.received_bytes))
          .header('upload-length', String(upload.total_bytes))
          .header('cache-control', 'no-store')
          .send();
      },
    );

    app.put('/admin/courses/videos/uploads/:id', { ...guard, schema: { params: uploadParams } }, async (req, reply) =>
      putChunk(services, req, reply, req.params.id),
    );
  });
}

async function putChunk(services: Services, req: FastifyRequest, reply: FastifyReply, uploadId: string) {
  const range = parseContentRange(req.headers['content-range']);
  if (!range) throw badRequest('Content-Range must be "bytes start-end/total"');
  if (range.end - range.start + 1 > MAX_CHUNK_BYTES) throw new AppError('chunk_too_large', 413, 'Chunk too large');
  const body = req.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') throw badRequest('Send the chunk as application/octet-stream');
  const result = await appendChunk(services.database.db, services.storage, { uploadId, range, body });
  switch (result.kind) {
    case 'too-long':
      throw badRequest('More bytes than Content-Range announced');
    case 'missing':
      throw notFound('No such upload');
    case 'wrong-total':
      throw badRequest('The total size differs from the one the upload was started with');
    case 'wrong-offset':
      reply.header('upload-offset', String(result.offset));
      throw conflict(result.offset);
    case 'incomplete':
      reply.header('upload-offset', String(result.offset));
      throw badRequest('Fewer bytes than Content-Range announced');
    case 'ok':
      if (result.complete) services.nudgeWorker();
      return reply.header('upload-offset', String(result.offset)).send(result);
  }
}
