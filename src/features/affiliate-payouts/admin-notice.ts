import { z } from 'zod';
import type { PageContext } from '../../web/context.js';
import { SKIP_REASONS, type SkipReason } from './run-payouts.js';

/** What the admin page says after an action: the redirect's query, read leniently (a bad part is dropped). */
const ERRORS = ['tax_settings', 'no_account', 'nothing_open', 'currency', 'changed', 'none_chosen', 'iban'] as const;
export const pageQuery = z.object({
  done: z.enum(['run', 'sepa', 'paid', 'settings']).optional().catch(undefined),
  error: z.enum(ERRORS).optional().catch(undefined),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  created: z.coerce.number().int().min(0).optional().catch(undefined),
  skipped: z.coerce.number().int().min(0).optional().catch(undefined),
  count: z.coerce.number().int().min(0).optional().catch(undefined),
  /** Credit note numbers an error is about (an IBAN outside SEPA). */
  numbers: z
    .string()
    .regex(/^[A-Z0-9 -]{1,400}$/)
    .optional()
    .catch(undefined),
  /** Why balances were not paid: `below_minimum.2~tax_details.1`. */
  why: z.string().max(300).optional().catch(undefined),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function noticeOf(ctx: PageContext, q: PageQuery) {
  if (q.error === 'iban')
    return { kind: 'error' as const, text: ctx.t('affiliatePayouts.error.iban', { numbers: q.numbers ?? '' }) };
  if (q.error) return { kind: 'error' as const, text: ctx.t(`affiliatePayouts.error.${q.error}`) };
  if (q.done === 'run') {
    const params = { period: q.period ?? '', created: String(q.created ?? 0), skipped: String(q.skipped ?? 0) };
    const text = ctx.t('affiliatePayouts.done.run', params);
    const why = skipSummary(ctx, q.why);
    return { kind: 'success' as const, text: why ? `${text} ${why}` : text };
  }
  if (q.done === 'paid')
    return { kind: 'success' as const, text: ctx.t('affiliatePayouts.done.paid', { count: String(q.count ?? 0) }) };
  if (q.done) return { kind: 'success' as const, text: ctx.t(`affiliatePayouts.done.${q.done}`) };
  return undefined;
}

/** "Not paid: below the minimum (2), tax details or IBAN missing (1)." from the `why` parameter; unknown parts dropped. */
function skipSummary(ctx: PageContext, why: string | undefined): string {
  const parts = (why ?? '').split('~').flatMap((part) => {
    const [reason, count] = part.split('.');
    return (SKIP_REASONS as readonly string[]).includes(reason ?? '') && /^\d+$/.test(count ?? '')
      ? [`${ctx.t(`affiliatePayouts.skip.${reason as SkipReason}`)} (${count})`]
      : [];
  });
  return parts.length ? ctx.t('affiliatePayouts.done.skipped', { list: parts.join(', ') }) : '';
}
