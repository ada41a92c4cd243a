import { handleJob, PermanentJobError } from '../../jobs/define.js';
import type { Services } from '../../services.js';
import { TaxError } from '../tax/categories.js';
import { loadTaxSettings } from '../tax/tax-settings.js';
import { hasEInvoice, hasXRechnung } from './cii.js';
import { ensureInvoiceDocument } from './documents.js';
import { issueCreditNoteRecord } from './issue-credit-note.js';
import { issueInvoiceRecord } from './issue-invoice.js';
import { issueCreditNoteJob, issueInvoiceJob } from './job-contracts.js';
import { findInvoiceByKey } from './queries.js';

/** Issues the invoice of a paid order and stores its documents; a no-op until tax settings are saved. */
export async function issueInvoiceForOrder(services: Services, orderId: string) {
  const { db } = services.database;
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order?.paid_at) return undefined;
  const settings = await loadTaxSettings(db);
  if (!settings) {
    services.log.info({ orderId }, 'no invoice: tax settings are not saved yet');
    return undefined;
  }
  const inv = await issueInvoiceRecord(db, { orders: services.orders, order, settings });
  await storeDocuments(services, inv);
  return inv;
}

async function storeDocuments(services: Services, inv: Awaited<ReturnType<typeof issueInvoiceRecord>>) {
  // The XML first: the PDF embeds it.
  if (hasEInvoice(inv)) await ensureInvoiceDocument(services, inv, 'cii');
  await ensureInvoiceDocument(services, inv, 'pdf');
  if (hasXRechnung(inv)) await ensureInvoiceDocument(services, inv, 'xrechnung');
}

export const issueInvoiceHandler = handleJob(issueInvoiceJob, async ({ orderId }, { services }) => {
  try {
    await issueInvoiceForOrder(services, orderId);
  } catch (e) {
    if (e instanceof TaxError) throw new PermanentJobError(e.message);
    throw e;
  }
});

/**
 * A refund: the invoice (issued first if it was not yet) is cancelled by a
 * credit note — in full, or for a partial refund (`refundedMinor`: the gross
 * refunded so far) the part not yet credited.
 */
export const issueCreditNoteHandler = handleJob(
  issueCreditNoteJob,
  async ({ orderId, refundedMinor }, { services }) => {
    const { db } = services.database;
    const original =
      (await findInvoiceByKey(db, `invoice:${orderId}`)) ?? (await issueInvoiceForOrder(services, orderId));
    if (!original) return;
    const settings = await loadTaxSettings(db);
    const credit = await issueCreditNoteRecord(db, {
      original,
      prefix: settings?.invoicePrefix ?? 'RE-',
      ...(refundedMinor !== undefined ? { refundedMinor } : {}),
    });
    if (credit) await storeDocuments(services, credit);
  },
);
