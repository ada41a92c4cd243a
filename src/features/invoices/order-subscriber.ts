import { afterCommit, type OrderSubscriber } from '../../order-core/events.js';
import { issueCreditNoteJob, issueInvoiceJob } from './job-contracts.js';

/** A fulfilled order gets its invoice; a refund its credit note (a partial one per running total refunded). */
export const invoiceOrderSubscriber: OrderSubscriber = {
  after: {
    fulfilled: ({ order }) => afterCommit(issueInvoiceJob, { orderId: order.id }, `invoice:${order.id}`),
    refunded: ({ order }) => afterCommit(issueCreditNoteJob, { orderId: order.id }, `credit:${order.id}`),
    'partially-refunded': ({ order, refundedMinor }) =>
      afterCommit(issueCreditNoteJob, { orderId: order.id, refundedMinor }, `credit:${order.id}:${refundedMinor}`),
  },
};
