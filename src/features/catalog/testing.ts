import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import type { TestClient } from '../../testing/app.js';

/** Test helpers for the catalogue: multipart bodies built by hand, products made through the admin. */

export type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

export function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----vf${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'filename' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(
      Buffer.from(head, 'utf8'),
      'filename' in p ? p.content : Buffer.from(p.value, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form as a browser would: `_csrf` first, taken from `formPage`. */
export async function postMultipart(
  app: FastifyInstance,
  client: TestClient,
  url: string,
  parts: Part[],
  formPage: string,
): Promise<LightMyRequestResponse> {
  const csrf = await client.csrfFrom(formPage);
  const { body, contentType } = multipartBody([{ name: '_csrf', value: csrf }, ...parts]);
  return app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': contentType, cookie: client.cookieHeader },
  });
}

export const PRODUCT_FORM = {
  title: 'Sourdough Basics',
  slug: '',
  summary: 'Bake your first loaf',
  description: 'A **short** guide.',
  pricing: 'fixed',
  currency: 'EUR',
  price: '12.50',
  minPrice: '',
  suggestedPrice: '',
  status: 'published',
  /** Published at once, before any file is uploaded: the editor asks for this confirmation. */
  publishWithoutFile: '1',
};

/** Creates a product through the admin form; returns its id. */
export async function createProductViaAdmin(
  client: TestClient,
  fields: Partial<typeof PRODUCT_FORM> = {},
): Promise<string> {
  const res = await client.postForm('/admin/products/new', { ...PRODUCT_FORM, ...fields });
  const m = /^\/admin\/products\/([0-9a-f-]{36})\?done=(created|created-published|published-nofile)$/.exec(
    String(res.headers.location ?? ''),
  );
  if (res.statusCode !== 303 || !m?.[1])
    throw new Error(`product not created: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return m[1];
}

/** A real PNG of the given size. */
export function pngImage(width = 1600, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
}
