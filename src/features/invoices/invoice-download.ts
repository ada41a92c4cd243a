import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Invoice } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { TaxError } from '../tax/categories.js';
import { ensureInvoiceDocument, fileNameOf, type InvoiceFormat, readAll } from './documents.js';

/** An invoice's file in a URL: its id and the format (PDF, CII or XRechnung XML). */
export const invoiceFileParams = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.(pdf|xml|xrechnung\.xml)$/) });

export function parseInvoiceFile(file: string): { id: string; format: InvoiceFormat } {
  return {
    id: file.slice(0, 36),
    format: file.endsWith('.pdf') ? 'pdf' : file.endsWith('.xrechnung.xml') ? 'xrechnung' : 'cii',
  };
}

/** Sends an invoice's document (made on first request); no invoice, or one that cannot be made, is "not found". */
export async function sendInvoiceDocument(
  services: Services,
  reply: FastifyReply,
  inv: Invoice | undefined,
  format: InvoiceFormat,
) {
  if (!inv) throw notFound('Invoice not found');
  try {
    const doc = await ensureInvoiceDocument(services, inv, format);
    const bytes = await readAll(services, doc.storageKey);
    return reply
      .header('content-type', format === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileNameOf(inv, format)}"`)
      .header('cache-control', 'private, no-store')
      .send(bytes);
  } catch (e) {
    if (e instanceof TaxError) throw notFound(e.message);
    throw e;
  }
}
