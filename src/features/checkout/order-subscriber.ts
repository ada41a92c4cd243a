import { afterCommit, type OrderSubscriber } from '../../order-core/events.js';
import { sendReceiptJob } from './job-contracts.js';

/** A fulfilled order's receipt carries its download links and licence keys, so it follows fulfilment. */
export const receiptOrderSubscriber: OrderSubscriber = {
  after: {
    fulfilled: ({ order }) => afterCommit(sendReceiptJob, { orderId: order.id }, `send-receipt:${order.id}`),
  },
};
