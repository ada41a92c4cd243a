import { z } from 'zod';
import { addDays, type Period } from './time-zone.js';

export type RangeKey = '30' | '90' | '365' | 'all';

export const analyticsQuery = z.object({
  range: z.enum(['30', '90', '365', 'all']).catch('90').default('90'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .catch(undefined),
  product: z.string().max(100).optional().catch(undefined),
  price: z.string().max(20).optional().catch(undefined),
  change: z.string().max(6).optional().catch(undefined),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** First day shown and the bucket size that keeps a chart readable. */
export function rangeOf(range: RangeKey, today: string): { from: string; period: Period } {
  if (range === '30') return { from: addDays(today, -29), period: 'day' };
  if (range === '90') return { from: addDays(today, -89), period: 'week' };
  if (range === '365') return { from: addDays(today, -364), period: 'month' };
  return { from: '0000-01-01', period: 'month' };
}
