import type { VNode } from 'preact';
import type { OrderStatus } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { withdrawOrderPath } from '../legal/order-legal-panel.js';
import { DownloadsList } from './downloads-list.js';
import type { LibraryOrder } from './load-library.js';

type LoginProps = {
  ctx: PageContext;
  /** sent: the same answer for every address; invalid: a used, expired or unknown link. */
  state?: 'form' | 'sent' | 'invalid';
  email?: string;
  error?: string;
};

/** Sign-in by email link: the form, the "check your inbox" answer, or a dead link with the form again. */
export function LibraryLoginPage({ ctx, state = 'form', email, error }: LoginProps) {
  const title =
    state === 'sent' ? 'library.sent.title' : state === 'invalid' ? 'library.invalid.title' : 'library.title';
  return (
    <Layout ctx={ctx} title={ctx.t(title)}>
      <section class="panel library-login" aria-labelledby="h-library">
        <h1 id="h-library">{ctx.t(title)}</h1>
        {state === 'sent' ? (
          <>
            <Alert kind="success">{ctx.t('library.sent.text')}</Alert>
            <p class="actions">
              <a href="/library">{ctx.t('library.sent.again')}</a>
            </p>
          </>
        ) : (
          <>
            {state === 'invalid' ? (
              <Alert kind="error">{ctx.t('library.invalid.text')}</Alert>
            ) : (
              <p class="muted">{ctx.t('library.intro')}</p>
            )}
            <Form ctx={ctx} action="/library/login">
              <Field
                name="email"
                type="email"
                label={ctx.t('library.email')}
                value={email}
                error={error}
                required
                autocomplete="email"
              />
              <button type="submit" class="btn-block">
                {ctx.t('library.submit')}
              </button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}

/** The page behind the emailed link: one button that signs in (a POST, so link scanners cannot). */
export function LibraryContinuePage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('library.continue.title')}>
      <section class="panel library-login" aria-labelledby="h-continue">
        <h1 id="h-continue">{ctx.t('library.continue.title')}</h1>
        <p class="muted">{ctx.t('library.continue.text')}</p>
        <Form ctx={ctx} action={`/library/auth/${encodeURIComponent(token)}`}>
          <button type="submit" class="btn-block">
            {ctx.t('library.continue.button')}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: OrderStatus }) {
  const label = status === 'refunded' ? ctx.t('library.status.refunded') : ctx.t('library.status.paid');
  return <span class={`badge ${status}`}>{label}</span>;
}

type LibraryProps = {
  ctx: PageContext;
  email: string;
  orders: LibraryOrder[];
  /** How long the page's download links work. */
  linkHours: number;
  /** Other features' sections (library/library-section.ts), above the orders. */
  sections?: readonly (VNode | null)[];
};

export function LibraryPage({ ctx, email, orders, linkHours, sections = [] }: LibraryProps) {
  return (
    <Layout ctx={ctx} title={ctx.t('library.title')}>
      <div class="library-head">
        <div>
          <h1>{ctx.t('library.title')}</h1>
          <p class="muted">{ctx.t('library.signedInAs', { email })}</p>
        </div>
        <Form ctx={ctx} action="/library/logout">
          <button type="submit" class="secondary">
            {ctx.t('library.logout')}
          </button>
        </Form>
      </div>
      {sections}
      {orders.length === 0 && <p class="empty">{ctx.t('library.empty')}</p>}
      {orders.map(({ order, items, downloads }) => (
        <section class="panel library-order" aria-labelledby={`h-${order.id}`}>
          <div class="library-order-head">
            <h2 id={`h-${order.id}`}>{ctx.t('library.order', { number: order.number })}</h2>
            <StatusBadge ctx={ctx} status={order.status} />
          </div>
          <p class="muted">
            {ctx.t('library.orderedOn', {
              date: formatDateTime(order.created_at, ctx.locale, ctx.timeZone, { zone: true }),
            })}{' '}
            · {formatMoney(order.total_minor, order.currency, ctx.locale)}
          </p>
          <ul class="library-items" aria-label={ctx.t('library.items')}>
            {items.map((i) => (
              <li>{i.quantity > 1 ? `${i.quantity} × ${i.title}` : i.title}</li>
            ))}
          </ul>
          {order.status === 'paid' ? (
            downloads.length > 0 && (
              <>
                <h3>{ctx.t('library.downloads')}</h3>
                <DownloadsList ctx={ctx} downloads={downloads} level={4} />
              </>
            )
          ) : (
            <p class="muted">{ctx.t('library.refunded')}</p>
          )}
          <p class="actions">
            <a href={`/library/orders/${encodeURIComponent(order.id)}`}>{ctx.t('library.receipt')}</a>
            {order.status === 'paid' && order.total_minor > 0 && (
              <>
                {' · '}
                <a href={withdrawOrderPath(order)}>{ctx.t('legal.withdraw.link')}</a>
              </>
            )}
          </p>
        </section>
      ))}
      {orders.length > 0 && <p class="hint">{ctx.t('library.linkHint', { hours: linkHours })}</p>}
      <p class="actions">
        <a href="/library/membership">{ctx.t('memberships.portal.title')}</a> ·{' '}
        <a href="/library/data">{ctx.t('privacy.library.title')}</a>
      </p>
    </Layout>
  );
}
