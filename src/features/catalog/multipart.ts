import type { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../web/errors.js';

/** A file arriving in a multipart form: read its stream once. */
export type Upload = { filename: string; stream: Readable };

type Pending = { fields: Record<string, string>; file: MultipartFile | undefined };
const pending = new WeakMap<FastifyRequest, Pending>();

/**
 * preValidation hook for multipart forms. Reads the fields before the first
 * file (they are small) and puts them on `req.body`, so the app-wide CSRF check
 * finds `_csrf` and `requireAdmin` runs before a single file byte is stored.
 * The file itself stays unread until the handler streams it to storage, so
 * every field a handler needs must come before the file in the form.
 */
export function readLeadingFields(limits: { fileSize: number }) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!req.isMultipart()) return;
    const iterator = req
      .parts({ limits: { fileSize: limits.fileSize, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } })
      [Symbol.asyncIterator]();
    const fields: Record<string, string> = {};
    let file: MultipartFile | undefined;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (next.value.type === 'file') {
          file = next.value;
          break;
        }
        fields[next.value.fieldname] = String(next.value.value ?? '');
      }
    } catch (err) {
      throw hasStatus(err) ? err : badRequest('Malformed upload');
    }
    req.body = fields;
    pending.set(req, { fields, file });
  };
}

function hasStatus(err: unknown): boolean {
  return typeof (err as { statusCode?: unknown })?.statusCode === 'number';
}

/** The form's fields and its file (undefined when none was chosen); only behind `readLeadingFields`. */
export function takeUpload(req: FastifyRequest): { fields: Record<string, string>; upload: Upload | undefined } {
  const p = pending.get(req);
  if (!p) throw badRequest('Expected a multipart form');
  const fields = { ...p.fields };
  if (!p.file || p.file.filename === '') {
    p.file?.file.resume(); // an empty file input still sends an (empty) part
    return { fields, upload: undefined };
  }
  return { fields, upload: { filename: p.file.filename, stream: p.file.file } };
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
