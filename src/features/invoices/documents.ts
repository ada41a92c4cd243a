import { Readable } from 'node:stream';
import type { Invoice } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';
import { buildCiiXml, buildXRechnungXml, type CiiOrder, hasEInvoice } from './cii.js';
import { renderInvoicePdf } from './pdf.js';
import { documentOf, findInvoice } from './queries.js';

/** 'cii': EN 16931 XML (also inside the PDF); 'xrechnung': the XRechnung 3.0 CII XML beside it. */
export type InvoiceFormat = 'pdf' | 'cii' | 'xrechnung';

/**
 * Renders one document of an invoice (the original is referenced by a credit
 * note). The PDF embeds the stored EN 16931 XML (Factur-X / ZUGFeRD profile
 * EN 16931, whose identifier must stay urn:cen.eu:en16931:2017), so the XML
 * inside the PDF and the XML download are always the same bytes; the XRechnung
 * is a file of its own.
 */
async function render(
  services: Pick<Services, 'database' | 'storage'>,
  inv: Invoice,
  format: InvoiceFormat,
): Promise<Buffer> {
  const { db } = services.database;
  const original = inv.original_invoice_id ? await findInvoice(db, inv.original_invoice_id) : undefined;
  // The order's number and provider never change; the order exists while its invoices are issued.
  const order: CiiOrder | undefined = await db
    .selectFrom('orders')
    .select(['number', 'provider'])
    .where('id', '=', inv.order_id)
    .executeTakeFirst();
  if (format !== 'pdf') {
    const xml = format === 'cii' ? buildCiiXml(inv, original, order) : buildXRechnungXml(inv, { original, order });
    return Buffer.from(xml, 'utf8');
  }
  const orderNumber = order?.number;
  if (!hasEInvoice(inv)) return renderInvoicePdf(inv, original, { orderNumber });
  const xml = await ensureInvoiceDocument(services, inv, 'cii');
  return renderInvoicePdf(inv, original, { facturX: await readAll(services, xml.storageKey), orderNumber });
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

const SUFFIX: Record<InvoiceFormat, string> = { pdf: '.pdf', cii: '.xml', xrechnung: '-xrechnung.xml' };

export function fileNameOf(inv: Invoice, format: InvoiceFormat): string {
  return `${inv.number.replace(/[^A-Za-z0-9-_]/g, '_')}${SUFFIX[format]}`;
}
