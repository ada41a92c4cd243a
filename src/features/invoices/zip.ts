import type yazlModule from 'yazl';
import type { Invoice } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { TaxError } from '../tax/categories.js';
import { hasEInvoice, hasXRechnung } from './cii.js';
import { ensureInvoiceDocument, fileNameOf, type InvoiceFormat, readAll } from './documents.js';

type Deps = Pick<Services, 'database' | 'storage'>;

/**
 * Every document of a period's invoices in one ZIP (yazl): the PDF (PDF/A-3,
 * with the EN 16931 XML inside where there is one), that XML, and the
 * XRechnung where the invoice has one.
 */
export async function invoicesZip(services: Deps, invoices: readonly Invoice[], csv: string): Promise<Buffer> {
  // yazl (about 12 MB of memory) is loaded with the first ZIP, not at start.
  const yazl: typeof yazlModule = (await import('yazl')).default;
  const zip = new yazl.ZipFile();
  for (const inv of invoices) {
    const formats: InvoiceFormat[] = ['pdf'];
    if (hasEInvoice(inv)) formats.push('cii');
    if (hasXRechnung(inv)) formats.push('xrechnung');
    for (const format of formats) {
      const bytes = await documentBytes(services, inv, format);
      if (bytes) zip.addBuffer(bytes, fileNameOf(inv, format), { mtime: new Date(inv.issued_at) });
    }
  }
  zip.addBuffer(Buffer.from(`\ufeff${csv}`, 'utf8'), 'invoices.csv');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A document's bytes; an XRechnung that cannot be made (its order deleted since) is left out, not an error. */
async function documentBytes(services: Deps, inv: Invoice, format: InvoiceFormat): Promise<Buffer | undefined> {
  try {
    return await readAll(services, (await ensureInvoiceDocument(services, inv, format)).storageKey);
  } catch (e) {
    if (format === 'xrechnung' && e instanceof TaxError) return undefined;
    throw e;
  }
}
