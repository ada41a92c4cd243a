import { Readable } from 'node:stream';
import type { Invoice } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { buildCiiXml, hasEInvoice } from './cii.js';
import { renderInvoicePdf } from './pdf.js';
import { documentOf, findInvoice } from './queries.js';

export type InvoiceFormat = 'pdf' | 'cii';

/**
 * Renders one document of an invoice (the original is referenced by a credit
 * note). The PDF embeds the stored XML (Factur-X / ZUGFeRD), so the XML inside
 * the PDF and the XML download are always the same bytes.
 */
async function render(
  services: Pick<Services, 'database' | 'storage'>,
  inv: Invoice,
  format: InvoiceFormat,
): Promise<Buffer> {
  const original = inv.original_invoice_id
    ? await findInvoice(services.database.db, inv.original_invoice_id)
    : undefined;
  if (format === 'cii') return Buffer.from(buildCiiXml(inv, original), 'utf8');
  if (!hasEInvoice(inv)) return renderInvoicePdf(inv, original);
  const xml = await ensureInvoiceDocument(services, inv, 'cii');
  return renderInvoicePdf(inv, original, { facturX: await readAll(services, xml.storageKey) });
}

/**
 * The stored document, made and stored on first use: the job does it right
 * after issuing, a download does it if the job has not yet. The first stored
 * file wins (ON CONFLICT DO NOTHING), so a document never changes once given out.
 */
export async function ensureInvoiceDocument(
  services: Pick<Services, 'database' | 'storage'>,
  inv: Invoice,
  format: InvoiceFormat,
): Promise<{ storageKey: string; sizeBytes: number }> {
  const { db } = services.database;
  const found = await documentOf(db, inv.id, format);
  if (found) return { storageKey: found.storage_key, sizeBytes: found.size_bytes };
  const bytes = await render(services, inv, format);
  const stored = await services.storage.put(Readable.from(bytes), { prefix: 'invoices' });
  await db
    .insertInto('invoice_documents')
    .values({
      invoice_id: inv.id,
      format,
      storage_key: stored.key,
      sha256: stored.sha256,
      size_bytes: stored.sizeBytes,
      created_at: isoNow(),
    })
    .onConflict((oc) => oc.columns(['invoice_id', 'format']).doNothing())
    .execute();
  const row = await documentOf(db, inv.id, format);
  if (row && row.storage_key !== stored.key) await services.storage.delete(stored.key);
  return { storageKey: row?.storage_key ?? stored.key, sizeBytes: row?.size_bytes ?? stored.sizeBytes };
}

export async function readAll(services: Pick<Services, 'storage'>, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of services.storage.read(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function fileNameOf(inv: Invoice, format: InvoiceFormat): string {
  return `${inv.number.replace(/[^A-Za-z0-9-_]/g, '_')}.${format === 'pdf' ? 'pdf' : 'xml'}`;
}
