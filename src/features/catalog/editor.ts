import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Product } from '../../db/schema.js';
import type { Services } from '../../services.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import type { MessageKey } from '../../web/messages.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { productTaxOf } from '../tax/product-tax.js';
import { type EditorErrors, ProductEditorPage } from './product-editor.page.js';
import { formFromProduct, type ProductForm } from './product-input.js';
import { deliversSomething, listProductFiles } from './queries.js';

/** What `?done=` after a redirect may announce on the editor. */
export const EDITOR_NOTICES = {
  created: 'catalog.notice.created',
  saved: 'catalog.notice.saved',
  cover: 'catalog.notice.cover',
  'created-published': 'catalog.notice.createdPublished',
  'published-nofile': 'catalog.notice.publishedNoFile',
  'cover-removed': 'catalog.notice.coverRemoved',
  file: 'catalog.notice.file',
  version: 'catalog.notice.version',
  'version-notify': 'catalog.notice.versionNotify',
  renamed: 'catalog.notice.renamed',
  moved: 'catalog.notice.moved',
  deleted: 'catalog.notice.deleted',
} as const satisfies Record<string, MessageKey>;

export type EditorNotice = keyof typeof EDITOR_NOTICES;

export function editorUrl(productId: string, done?: EditorNotice, anchor?: string): string {
  return `/admin/products/${productId}${done ? `?done=${done}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Renders the editor for an existing product (or a new one when `product` is
 * undefined), with the given form values and errors; used by every admin
 * catalogue route that ends on the editor.
 */
export async function showEditor(
  req: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  opts: {
    product?: Product | undefined;
    form?: ProductForm;
    errors?: (ctx: PageContext) => EditorErrors;
    notice?: EditorNotice | undefined;
  },
  status = 200,
) {
  const ctx = await adminPageContext(req, reply, services);
  const { product } = opts;
  const files = product ? await listProductFiles(services.database.db, product.id) : [];
  const tax = product ? (await productTaxOf(services.database.db, [product.id])).get(product.id) : undefined;
  const form = opts.form ?? (product && tax ? formFromProduct(product, ctx.locale, tax) : undefined);
  if (!form) throw new Error('showEditor needs a product or a form');
  const view = {
    product,
    form,
    files,
    errors: opts.errors?.(ctx) ?? {},
    notice: opts.notice ? ctx.t(EDITOR_NOTICES[opts.notice]) : undefined,
    maxUploadBytes: services.config.maxUploadBytes,
    deliversSomething: product ? await deliversSomething(services.database.db, product.id) : false,
    noticeSaysNoFile: opts.notice === 'published-nofile',
  };
  return sendPage(reply, ProductEditorPage({ ctx, view }), status);
}

/** "Up to 2 GB" style limit text for upload errors. */
export function sizeLimit(ctx: PageContext, bytes: number): string {
  return formatFileSize(bytes, ctx.locale);
}
