import { z } from 'zod';
import type { OrderStatus } from '../../db/schema.js';
import { isIsoDay } from '../../domain/dates.js';
import { optionalField, pageNumber } from '../../web/form-fields.js';

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refunded',
  'disputed',
] as const satisfies readonly OrderStatus[];

/** An empty form field ("?status=") means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => optionalField(schema.optional());

const day = z.string().max(10).refine(isIsoDay);

export const orderFiltersQuery = z.object({
  q: optional(z.string().trim().max(200)),
  status: optional(z.enum(ORDER_STATUSES)),
  product: optional(z.uuid()),
  from: optional(day),
  to: optional(day),
});

export const orderListQuery = orderFiltersQuery.extend({
  page: pageNumber(),
});

export type OrderFilterInput = z.infer<typeof orderFiltersQuery>;

export const customerListQuery = z.object({
  q: optional(z.string().trim().max(200)),
  page: pageNumber(),
});

export const idParams = z.object({ id: z.uuid() });

export const ORDER_NOTICES = ['refunded', 'partially-refunded', 'receipt-sent'] as const;
export const ORDER_ERRORS = [
  'not-paid',
  'refund-failed',
  'refund-amount',
  'receipt-not-paid',
  'imported',
  'receipt-imported',
] as const;

export const orderDetailQuery = z.object({
  notice: z.enum(ORDER_NOTICES).optional().catch(undefined),
  error: z.enum(ORDER_ERRORS).optional().catch(undefined),
});

export const actionBody = z.object({
  /** Kept for the CSRF check, which runs after validation. */
  _csrf: z.string().max(200).optional(),
});

export const refundBody = z.object({
  /** Kept for the CSRF check, which runs after validation. */
  _csrf: z.string().max(200).optional(),
  confirm: z.string().max(10).optional(),
  /** Present (maybe empty) only in the partial refund form; parsed in the order's currency. */
  amount: z.string().max(40).optional(),
  /** One id per rendered form: submitting it twice refunds once. */
  requestId: z.uuid().optional().catch(undefined),
});

/** Query text for links that keep the current filters ("" when there are none). */
export function filterQuery(f: OrderFilterInput, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
