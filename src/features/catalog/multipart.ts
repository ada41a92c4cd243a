import type { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '../../web/errors.js';

/** A file arriving in a multipart form: read its stream once. */
export type Upload = { filename: string; stream: Readable };

const UPLOAD = Symbol('upload');
type MultipartBody = Record<string, string> & { [UPLOAD]?: Upload };

/**
 * Lets the routes of `scope` (and only those) take multipart forms, without
 * buffering files. The parser reads the fields that come before the first file
 * and hands them over as `req.body`, so the app-wide CSRF check (a preValidation
 * hook) finds `_csrf` and `requireAdmin` runs before a single file byte is
 * stored; the file stays unread until the handler streams it to storage. Every
 * field a handler needs must therefore come before the file in the form.
 *
 * `maxFileBytes` is a safety cap: the parser stops one byte past it, so the
 * handler's own, exact limit still sees "too large".
 */
export function acceptMultipartForms(scope: FastifyInstance, maxFileBytes: number): void {
  scope.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    let settled = false;
    let file: BusboyFileStream | undefined;
    const finish = (err: Error | null, body?: MultipartBody) => {
      if (settled) return;
      settled = true;
      done(err, body);
    };
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: req.headers as { 'content-type': string },
        limits: { fileSize: maxFileBytes + 1, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
      });
    } catch {
      return finish(badRequest('Malformed upload'));
    }
    const fields: MultipartBody = {};
    parser.on('field', (name, value) => {
      if (!settled && !Object.hasOwn(Object.prototype, name)) fields[name] = value;
    });
    parser.on('file', (_name, stream, filename) => {
      if (settled) return void stream.resume(); // one file per form
      file = stream;
      finish(null, Object.assign(Object.create(null) as MultipartBody, fields, { [UPLOAD]: { filename, stream } }));
    });
    parser.on('finish', () => finish(null, { ...fields }));
    parser.on('error', (err: Error) => {
      if (settled) file?.destroy(err);
      else finish(badRequest('Malformed upload'));
    });
    // A client that goes away mid-upload must not leave the storage write waiting forever.
    payload.on('close', () => {
      if (!payload.readableEnded) file?.destroy(new Error('upload aborted'));
    });
    payload.pipe(parser);
  });
  // A file nobody read (refused by CSRF, login or a limit) would keep the connection waiting for
  // the rest of its bytes: once the answer is out, drop the connection instead.
  scope.addHook('onResponse', async (req) => {
    const upload = (req.body as MultipartBody | undefined)?.[UPLOAD];
    if (upload && !upload.stream.readableEnded) {
      upload.stream.destroy();
      req.raw.destroy();
    }
  });
}

/** The form's fields and its file (undefined when none was chosen); only on a multipart route. */
export function takeUpload(req: FastifyRequest): { fields: Record<string, string>; upload: Upload | undefined } {
  const body = req.body as MultipartBody | undefined;
  if (!body || typeof body !== 'object') throw badRequest('Expected a multipart form');
  const upload = body[UPLOAD];
  const fields: Record<string, string> = { ...body };
  if (!upload || upload.filename === '') {
    upload?.stream.resume(); // an empty file input still sends an (empty) part
    return { fields, upload: undefined };
  }
  return { fields, upload };
}

/** Reads a stream into memory up to `maxBytes`; undefined (and the stream dropped) when it is larger. */
export async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
