import type { Order, OrderConsentsTable } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { WITHDRAW_PATH } from './links.js';

type Consent = Pick<OrderConsentsTable, 'text' | 'given_at'>;

/** Where an order's own withdrawal starts: the access key identifies it, as on the thank-you page. */
export function withdrawOrderPath(order: Pick<Order, 'id' | 'access_key'>): string {
  return `${WITHDRAW_PATH}/order/${order.id}?k=${encodeURIComponent(order.access_key)}`;
}

/** On the thank-you page: the consent the buyer gave (repeated, § 312f (3) BGB) and the withdrawal link. */
export function OrderLegalPanel({ ctx, order, consent }: { ctx: PageContext; order: Order; consent?: Consent }) {
  const active = order.status === 'paid' || order.status === 'pending';
  if (!consent && !active) return null;
  return (
    <section class="panel order-legal">
      {consent && (
        <p class="muted">
          {ctx.t('legal.consent.given', {
            date: formatDateTime(consent.given_at, ctx.locale, ctx.timeZone, { zone: true }),
            text: consent.text,
          })}
        </p>
      )}
      {active && order.total_minor > 0 && (
        <p>
          <a href={withdrawOrderPath(order)}>{ctx.t('legal.withdraw.link')}</a>
        </p>
      )}
    </section>
  );
}
