import type { Order } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { Layout } from '../../web/layout.js';
import type { DeliveryLinks } from '../delivery/links.js';
import { OrderLegalPanel } from '../legal/order-legal-panel.js';
import { LicenseKeysPanel } from '../licensing/license-keys-panel.js';
import type { OrderLicenseKey } from '../licensing/queries.js';

type Props = {
  ctx: PageContext;
  order: Order;
  titles: string[];
  downloads: DeliveryLinks[];
  /** Licence keys of a paid order (products with licence keys switched on). */
  licenseKeys?: OrderLicenseKey[];
  /** Where a pending order can still be paid. */
  payUrl?: string | undefined;
  /** Where to try again after a failed or expired order. */
  retryUrl?: string | undefined;
  testMode: boolean;
  /** The § 356 (5) BGB consent given at checkout, repeated here. */
  consent?: { text: string; given_at: string } | undefined;
};

/** How long after an order was placed its page keeps refreshing while unpaid. */
const WAIT_MS = 30 * 60 * 1000;

/** The thank-you page: waits for the payment (refreshing without JavaScript), then shows the downloads. */
export function OrderStatusPage({
  ctx,
  order,
  titles,
  downloads,
  licenseKeys = [],
  payUrl,
  retryUrl,
  testMode,
  consent,
}: Props) {
  const t = ctx.t;
  const preparing = order.status === 'paid' && downloads.length === 0;
  // Refresh while a confirmation is plausibly on its way; a checkout abandoned long ago stops refreshing.
  const recent = Date.now() - Date.parse(order.created_at) < WAIT_MS;
  const waiting = (order.status === 'pending' && recent) || preparing;
  return (
    <Layout ctx={ctx} title={t('order.title', { number: order.number })} refreshSeconds={waiting ? 2 : undefined}>
      {testMode && order.provider === 'test' && <p class="test-mode">{t('payments.testMode')}</p>}
      <section class="panel order-status" aria-live="polite">
        <p class="muted">
          {t('order.title', { number: order.number })} · {titles.join(', ')} ·{' '}
          {formatMoney(order.total_minor, order.currency, ctx.locale)}
        </p>
        <OrderVatNote ctx={ctx} order={order} />
        {order.status === 'pending' && (
          <>
            <h1>{t('order.pending.heading')}</h1>
            <p>{t('order.pending.text')}</p>
            <p class="actions">
              {payUrl && (
                <a class="btn btn-secondary" href={payUrl}>
                  {t('order.pending.pay')}
                </a>
              )}
              {retryUrl && <a href={retryUrl}>{t('order.pending.startOver')}</a>}
            </p>
          </>
        )}
        {order.status === 'disputed' && (
          <>
            <h1>{t('order.disputed.heading')}</h1>
            <p>{t('order.disputed.text')}</p>
          </>
        )}
        {order.status === 'paid' && (
          <>
            <h1>{t('order.paid.heading')}</h1>
            <p>{preparing ? t('order.paid.preparing') : t('order.paid.text', { email: order.email })}</p>
          </>
        )}
        {(order.status === 'failed' || order.status === 'expired' || order.status === 'refunded') && (
          <>
            <h1>{t(`order.${order.status}.heading`)}</h1>
            <p>{t(`order.${order.status}.text`)}</p>
            {retryUrl && order.status !== 'refunded' && (
              <p>
                <a class="btn" href={retryUrl}>
                  {t('order.tryAgain')}
                </a>
              </p>
            )}
          </>
        )}
      </section>
      {order.status === 'paid' && <LicenseKeysPanel ctx={ctx} keys={licenseKeys} />}
      {order.status === 'paid' && downloads.length > 0 && (
        <section class="panel" aria-labelledby="h-downloads">
          <h2 id="h-downloads">{t('order.downloads')}</h2>
          {downloads.map((d) => (
            <div class="download-group">
              <h3>{d.productTitle}</h3>
              <ul class="downloads">
                {d.files.map((f) => (
                  <li>
                    <a class="btn btn-secondary" href={f.url} download>
                      {f.name}
                    </a>{' '}
                    <span class="muted">{formatFileSize(f.sizeBytes, ctx.locale)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p class="muted">
            <a href="/library">{t('order.library')}</a>
          </p>
        </section>
      )}
      <OrderLegalPanel ctx={ctx} order={order} consent={consent} />
    </Layout>
  );
}

/** The VAT in the total, a reverse charge, or a VAT ID that could not be checked (VAT charged). */
function OrderVatNote({ ctx, order }: { ctx: PageContext; order: Order }) {
  const t = ctx.t;
  let unverified: string | null = null;
  try {
    unverified = order.tax_evidence
      ? ((JSON.parse(order.tax_evidence) as { vatIdUnverified?: string | null }).vatIdUnverified ?? null)
      : null;
  } catch {
    unverified = null;
  }
  return (
    <>
      {order.tax_scheme === 'reverse_charge' && order.buyer_vat_id && (
        <p class="muted">{t('order.vat.reverseCharge', { vatId: order.buyer_vat_id })}</p>
      )}
      {order.tax_minor > 0 && (
        <p class="muted">
          {t('order.vat.included', { tax: formatMoney(order.tax_minor, order.currency, ctx.locale) })}
        </p>
      )}
      {unverified && <p class="notice">{t('order.vat.unverified', { vatId: unverified })}</p>}
    </>
  );
}
