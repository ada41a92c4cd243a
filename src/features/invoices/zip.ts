import yazl from 'yazl';
import type { Invoice } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { hasEInvoice } from './cii.js';
import { ensureInvoiceDocument, fileNameOf, readAll } from './documents.js';

/** Every invoice PDF (PDF/A-3, with the XML inside where there is one) and CII XML of a period in one ZIP (yazl). */
export async function invoicesZip(
  services: Pick<Services, 'database' | 'storage'>,
  invoices: readonly Invoice[],
  csv: string,
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const inv of invoices) {
    const pdf = await ensureInvoiceDocument(services, inv, 'pdf');
    zip.addBuffer(await readAll(services, pdf.storageKey), fileNameOf(inv, 'pdf'), { mtime: new Date(inv.issued_at) });
    if (hasEInvoice(inv)) {
      const xml = await ensureInvoiceDocument(services, inv, 'cii');
      zip.addBuffer(await readAll(services, xml.storageKey), fileNameOf(inv, 'cii'), {
        mtime: new Date(inv.issued_at),
      });
    }
  }
  zip.addBuffer(Buffer.from(`\ufeff${csv}`, 'utf8'), 'invoices.csv');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
