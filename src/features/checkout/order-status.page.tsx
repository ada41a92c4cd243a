import type { Order } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { ReceiptLink } from '../../order-core/entitlements.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import type { DeliveryLinks } from '../delivery/links.js';
import { OrderLegalPanel } from '../legal/order-legal-panel.js';
import { LicenseKeysPanel } from '../licensing/license-keys-panel.js';
import type { OrderLicenseKey } from '../licensing/queries.js';
import type { OrderMembership } from '../memberships/order-membership.js';

/** An order line as the summary shows it: before the discount, which has its own line. */
export type SummaryItem = { title: string; quantity: number; unit_price_minor: number };

type Props = {
  ctx: PageContext;
  order: Order;
  items: SummaryItem[];
  /** The discount code the order used, as the buyer typed it (normalised). */
  discountCode?: string | undefined;
  downloads: DeliveryLinks[];
  /** Licence keys of a paid order (products with licence keys switched on). */
  licenseKeys?: OrderLicenseKey[];
  /** The membership this order pays for, if it is one: no downloads, but what the membership gives. */
  membership?: OrderMembership | undefined;
  /** Where a pending order can still be paid. */
  payUrl?: string | undefined;
  /** Where to try again after a failed or expired order. */
  retryUrl?: string | undefined;
  testMode: boolean;
  /** The § 356 (5) BGB consent given at checkout, repeated here. */
  consent?: { text: string; given_at: string } | undefined;
  /** What the order gave besides files (a course to open, a ticket), as the receipt lists it. */
  links?: readonly ReceiptLink[];
};

/** How long after an order was placed its page keeps refreshing while unpaid. */
const WAIT_MS = 30 * 60 * 1000;

/** The thank-you page: waits for the payment (refreshing without JavaScript), then shows what was bought. */
export function OrderStatusPage(props: Props) {
  const { ctx, order, licenseKeys = [], membership, testMode, consent } = props;
  // A product without files (a membership period) has a delivery but nothing to download: no empty box.
  const downloads = props.downloads.filter((d) => d.files.length > 0);
  const t = ctx.t;
  const preparing = order.status === 'paid' && !membership && props.downloads.length === 0;
  // Refresh while a confirmation is plausibly on its way; a checkout abandoned long ago stops refreshing.
  const recent = Date.now() - Date.parse(order.created_at) < WAIT_MS;
  const waiting = (order.status === 'pending' && recent) || preparing;
  return (
    <Layout
      ctx={ctx}
      title={t('checkout.order.title', { number: order.number })}
      refreshSeconds={waiting ? 2 : undefined}
    >
      {testMode && order.provider === 'test' && <p class="test-mode">{t('payments.testMode')}</p>}
      <section class="panel order-status" aria-live="polite">
        <StatusText {...props} preparing={preparing} />
        <OrderSummary ctx={ctx} order={order} items={props.items} discountCode={props.discountCode} />
      </section>
      {order.status === 'paid' && membership && <MembershipPanel ctx={ctx} membership={membership} />}
      {order.status === 'paid' && <LicenseKeysPanel ctx={ctx} keys={licenseKeys} />}
      {order.status === 'paid' && <GivenPanel ctx={ctx} links={props.links ?? []} />}
      {order.status === 'paid' && !membership && downloads.length > 0 && (
        <DownloadsPanel ctx={ctx} downloads={downloads} />
      )}
      <OrderLegalPanel ctx={ctx} order={order} consent={consent} />
    </Layout>
  );
}

/** What the order gave that is not a file: a course to open, a ticket to see. */
function GivenPanel({ ctx, links }: { ctx: PageContext; links: readonly ReceiptLink[] }) {
  if (links.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="h-given">
      <h2 id="h-given">{ctx.t('checkout.order.given')}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.url}>{l.label}</a>
            {l.note && <span class="muted"> — {l.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The headline and what it means, by the order's state. */
function StatusText({
  ctx,
  order,
  membership,
  payUrl,
  retryUrl,
  preparing,
  downloads,
}: Props & { preparing: boolean }) {
  const t = ctx.t;
  if (order.status === 'pending')
    return (
      <>
        <h1>{t('checkout.order.pending.heading')}</h1>
        <p>{t('checkout.order.pending.text')}</p>
        <p class="actions">
          {payUrl && <a href={payUrl}>{t('checkout.order.pending.pay')}</a>}
          {retryUrl && <a href={retryUrl}>{t('checkout.order.pending.startOver')}</a>}
        </p>
      </>
    );
  if (order.status === 'disputed')
    return (
      <>
        <h1>{t('checkout.order.disputed.heading')}</h1>
        <p>{t('checkout.order.disputed.text')}</p>
      </>
    );
  if (order.status === 'paid' && membership)
    return (
      <>
        <h1>{t('checkout.order.membership.heading', { tier: membership.tier })}</h1>
        <p>{renewalText(ctx, membership)}</p>
        <p>{t('checkout.order.membership.receipt', { email: order.email })}</p>
      </>
    );
  if (order.status === 'paid') {
    const files = downloads.some((d) => d.files.length > 0);
    const text = preparing
      ? t('checkout.order.paid.preparing')
      : t(files ? 'checkout.order.paid.text' : 'checkout.order.paid.textNoFiles', { email: order.email });
    return (
      <>
        <h1>{t('checkout.order.paid.heading')}</h1>
        <p>{text}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t(`checkout.order.${order.status}.heading`)}</h1>
      <p>{t(`checkout.order.${order.status}.text`)}</p>
      {retryUrl && order.status !== 'refunded' && (
        <p>
          <a class="btn" href={retryUrl}>
            {t('checkout.order.tryAgain')}
          </a>
        </p>
      )}
    </>
  );
}

function renewalText(ctx: PageContext, m: OrderMembership): string {
  if (!m.periodEnd) return ctx.t('checkout.order.membership.renewsEachPeriod');
  const date = formatDateTime(m.periodEnd, ctx.locale, ctx.timeZone, { zone: true });
  return ctx.t(m.cancelAtPeriodEnd ? 'checkout.order.membership.endsOn' : 'checkout.order.membership.renewsOn', {
    date,
  });
}

/** What was bought, right under the headline: each item, the discount with its code, the VAT and the total. */
function OrderSummary({
  ctx,
  order,
  items,
  discountCode,
}: {
  ctx: PageContext;
  order: Order;
  items: SummaryItem[];
  discountCode?: string | undefined;
}) {
  const t = ctx.t;
  const m = (minor: number) => formatMoney(minor, order.currency, ctx.locale);
  const placed = formatDateTime(order.created_at, ctx.locale, ctx.timeZone, { zone: true });
  return (
    <table class="order-lines">
      <caption>{t('checkout.order.summary.caption', { number: order.number, date: placed })}</caption>
      <tbody>
        {items.map((i) => (
          <tr>
            <th scope="row">{i.quantity > 1 ? `${i.quantity} × ${i.title}` : i.title}</th>
            <td class="num">{m(i.unit_price_minor * i.quantity)}</td>
          </tr>
        ))}
        {order.discount_minor > 0 && (
          <tr>
            <th scope="row">
              {discountCode
                ? t('checkout.order.summary.discountCode', { code: discountCode })
                : t('checkout.order.summary.discount')}
            </th>
            <td class="num">−{m(order.discount_minor)}</td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr class="total">
          <th scope="row">{t('checkout.order.summary.total')}</th>
          <td class="num">{m(order.total_minor)}</td>
        </tr>
        <VatRows ctx={ctx} order={order} />
      </tfoot>
    </table>
  );
}

/** The VAT in the total, a reverse charge, or a VAT ID that could not be checked (VAT charged). */
function VatRows({ ctx, order }: { ctx: PageContext; order: Order }) {
  const t = ctx.t;
  let unverified: string | null = null;
  try {
    unverified = order.tax_evidence
      ? ((JSON.parse(order.tax_evidence) as { vatIdUnverified?: string | null }).vatIdUnverified ?? null)
      : null;
  } catch {
    unverified = null;
  }
  const note = (text: string, cls = 'muted') => (
    <tr>
      <td colSpan={2} class={cls}>
        {text}
      </td>
    </tr>
  );
  return (
    <>
      {order.tax_scheme === 'reverse_charge' &&
        order.buyer_vat_id &&
        note(t('checkout.order.vat.reverseCharge', { vatId: order.buyer_vat_id }))}
      {order.tax_minor > 0 &&
        note(t('checkout.order.vat.included', { tax: formatMoney(order.tax_minor, order.currency, ctx.locale) }))}
      {unverified && note(t('checkout.order.vat.unverified', { vatId: unverified }), 'notice')}
    </>
  );
}

/** A membership has no files: what it gives, and where to read. */
function MembershipPanel({ ctx, membership }: { ctx: PageContext; membership: OrderMembership }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-membership">
      <h2 id="h-membership">{t('checkout.order.membership.includes')}</h2>
      {membership.benefits.length > 0 && (
        <ul class="benefits">
          {membership.benefits.map((b) => (
            <li>{b}</li>
          ))}
        </ul>
      )}
      <p>{t('checkout.order.membership.whereToRead')}</p>
      <p class="actions">
        <a class="btn" href="/posts">
          {t('checkout.order.membership.posts')}
        </a>
        <a class="btn btn-secondary" href="/library/membership">
          {t('checkout.order.membership.manage')}
        </a>
      </p>
    </section>
  );
}

function DownloadsPanel({ ctx, downloads }: { ctx: PageContext; downloads: DeliveryLinks[] }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-downloads">
      <h2 id="h-downloads">{t('checkout.order.downloads')}</h2>
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
        <a href="/library">{t('checkout.order.library')}</a>
      </p>
    </section>
  );
}
