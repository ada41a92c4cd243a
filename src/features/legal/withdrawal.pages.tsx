import type { Order, WithdrawalRefund } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import type { MessageKey } from '../../web/messages.js';
import { WITHDRAW_PATH } from './links.js';
import type { WithdrawalView } from './withdrawal-queries.js';

export type FindValues = { number: string; email: string };

/**
 * The withdrawal function without a login: order number and email address.
 * Sending it is the declaration; the page that follows is the same whatever
 * was typed (see withdrawal.routes.ts).
 */
export function WithdrawFindPage({ ctx, values, error }: { ctx: PageContext; values: FindValues; error?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.title')}</h1>
        <p>{t('legal.withdraw.intro')}</p>
        {error && <Alert kind="error">{error}</Alert>}
        <Form ctx={ctx} action={WITHDRAW_PATH}>
          <Field name="number" label={t('legal.withdraw.number')} value={values.number} required autocomplete="off" />
          <Field
            name="email"
            type="email"
            label={t('legal.withdraw.email')}
            value={values.email}
            required
            autocomplete="email"
          />
          <button type="submit">{t('legal.withdraw.confirm.button')}</button>
        </Form>
      </section>
    </Layout>
  );
}

function ContactHint({ ctx, text = 'legal.withdraw.reason.contact' }: { ctx: PageContext; text?: MessageKey }) {
  const [before = '', after = ''] = ctx.t(text).split('{impressum}');
  return (
    <p class="muted">
      {before}
      <a href="/impressum">{ctx.t('legal.page.impressum')}</a>
      {after}
    </p>
  );
}

function OrderLine({ ctx, order, titles }: { ctx: PageContext; order: Order; titles: string[] }) {
  return (
    <p class="withdraw-order">
      {ctx.t('legal.withdraw.confirm.order', {
        number: order.number,
        date: formatDateTime(order.created_at, ctx.locale, ctx.timeZone, { zone: true }),
        titles: titles.join(', '),
        total: formatMoney(order.total_minor, order.currency, ctx.locale),
      })}
    </p>
  );
}

/** Step 2: the order, and either the confirm button or why it cannot be withdrawn. */
export function WithdrawConfirmPage({ ctx, view, token }: { ctx: PageContext; view: WithdrawalView; token: string }) {
  const t = ctx.t;
  const { order, state } = view;
  if (state.kind === 'withdrawn') {
    return <WithdrawDonePage ctx={ctx} order={order} receivedAt={state.receivedAt} refund={view.refund ?? 'none'} />;
  }
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.confirm.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.confirm.title')}</h1>
        <OrderLine ctx={ctx} order={order} titles={view.titles} />
        {state.kind === 'open' ? (
          <Form ctx={ctx} action={`${WITHDRAW_PATH}/order/${order.id}/confirm`}>
            <input type="hidden" name="token" value={token} />
            <p>{t('legal.withdraw.confirm.text')}</p>
            <button type="submit">{t('legal.withdraw.confirm.button')}</button>
          </Form>
        ) : (
          <>
            <Alert kind="info">
              {state.kind === 'expired'
                ? t('legal.withdraw.reason.expired', { date: formatDateTime(state.endedAt, ctx.locale, ctx.timeZone) })
                : t(`legal.withdraw.reason.${state.kind}`)}
            </Alert>
            <ContactHint ctx={ctx} />
          </>
        )}
      </section>
    </Layout>
  );
}

type DoneProps = { ctx: PageContext; order: Order; receivedAt: string; refund: WithdrawalRefund };

/** The confirmation page the buyer can save: what was withdrawn, when it was received, what happens to the money. */
export function WithdrawDonePage({ ctx, order, receivedAt, refund }: DoneProps) {
  const t = ctx.t;
  const total = formatMoney(order.total_minor, order.currency, ctx.locale);
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.done.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.done.title')}</h1>
        <Alert kind="success">
          {t('legal.withdraw.done.text', {
            number: order.number,
            date: formatDateTime(receivedAt, ctx.locale, ctx.timeZone, { zone: true }),
            email: order.email,
          })}
        </Alert>
        <p>{t(`legal.withdraw.done.${refund}`, { total })}</p>
      </section>
    </Layout>
  );
}

/**
 * After the public form: the time of receipt and what happens next. It shows
 * nothing of any order, so it reads the same for a matching and a
 * non-matching number and address.
 */
export function WithdrawReceivedPage({
  ctx,
  number,
  receivedAt,
}: {
  ctx: PageContext;
  number: string;
  receivedAt: string;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.received.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.received.title')}</h1>
        <Alert kind="success">
          {t('legal.withdraw.received.text', {
            number,
            date: formatDateTime(receivedAt, ctx.locale, ctx.timeZone, { zone: true }),
          })}
        </Alert>
        <p>{t('legal.withdraw.received.next')}</p>
        <ContactHint ctx={ctx} text="legal.withdraw.received.none" />
      </section>
    </Layout>
  );
}

/** Behind the emailed link: the order and the button that carries the withdrawal out (a GET never does). */
export function WithdrawLinkPage({ ctx, view, action }: { ctx: PageContext; view: WithdrawalView; action: string }) {
  const t = ctx.t;
  const { order, pending } = view;
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.link.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.link.title')}</h1>
        <OrderLine ctx={ctx} order={order} titles={view.titles} />
        <Form ctx={ctx} action={action}>
          <p>
            {t('legal.withdraw.link.text', {
              date: formatDateTime(pending?.received_at ?? order.created_at, ctx.locale, ctx.timeZone, { zone: true }),
            })}
          </p>
          <button type="submit">{t('legal.withdraw.link.button')}</button>
        </Form>
      </section>
    </Layout>
  );
}

/** A confirm link that was changed, cut off or has expired. */
export function WithdrawLinkInvalidPage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('legal.withdraw.link.invalidTitle')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('legal.withdraw.link.invalidTitle')}</h1>
        <Alert kind="error">{t('legal.withdraw.link.invalid')}</Alert>
        <p>
          <a href={WITHDRAW_PATH}>{t('legal.withdraw.link.again')}</a>
        </p>
      </section>
    </Layout>
  );
}
