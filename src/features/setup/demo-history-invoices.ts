import type { Services } from '../../services.js';
import { issueCreditNoteRecord } from '../invoices/issue-credit-note.js';
import { issueInvoiceRecord } from '../invoices/issue-invoice.js';
import { loadTaxSettings } from '../tax/tax-settings.js';

/**
 * The invoices and credit notes the history's orders would have got, each
 * issued on its own day: the store has (sample) tax settings, so a real store
 * would have issued them as it sold, and the tax page's turnover counters and
 * the invoice list read from them. Records only: a document (PDF, XML) is
 * made on its first download, as for any invoice whose job has not run yet.
 */
export async function issueHistoryInvoices(services: Services): Promise<number> {
  const { db } = services.database;
  const settings = await loadTaxSettings(db);
  if (!settings) return 0;
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('paid_at', 'is not', null)
    .orderBy('paid_at')
    .orderBy('number')
    .execute();
  return db.transaction().execute(async (trx) => {
    let issued = 0;
    for (const order of orders) {
      const paidAt = new Date(order.paid_at as string);
      const original = await issueInvoiceRecord(trx, { orders: services.orders, order, settings, now: paidAt });
      issued++;
      if (order.refunded_minor <= 0) continue;
      const full = order.status === 'refunded';
      const at = new Date(order.refunded_at ?? order.updated_at);
      await issueCreditNoteRecord(trx, {
        original,
        prefix: settings.invoicePrefix,
        ...(full ? {} : { refundedMinor: order.refunded_minor }),
        now: at,
      });
      issued++;
    }
    return issued;
  });
}
