import type { Order, WithdrawalRefund } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { WITHDRAW_PATH } from './links.js';
import type { WithdrawalView } from './withdrawal-queries.js';

export type FindValues = { number: string; email: string };

/** Step 1: which order? Number and email identify it without a login. */
export function WithdrawFindPage({ ctx, values, error }: { ctx: PageContext; values: FindValues; error?: string }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('withdraw.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('withdraw.title')}</h1>
        <p>{t('withdraw.intro')}</p>
        {error && <Alert kind="error">{error}</Alert>}
        <Form ctx={ctx} action={WITHDRAW_PATH}>
          <Field name="number" label={t('withdraw.number')} value={values.number} required autocomplete="off" />
          <Field
            name="email"
            type="email"
            label={t('withdraw.email')}
            value={values.email}
            required
            autocomplete="email"
          />
          <button type="submit">{t('withdraw.find')}</button>
        </Form>
      </section>
    </Layout>
  );
}

function ContactHint({ ctx }: { ctx: PageContext }) {
  const [before = '', after = ''] = ctx.t('withdraw.reason.contact').split('{impressum}');
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
      {ctx.t('withdraw.confirm.order', {
        number: order.number,
        date: formatDateTime(order.created_at, ctx.locale),
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
    <Layout ctx={ctx} title={t('withdraw.confirm.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('withdraw.confirm.title')}</h1>
        <OrderLine ctx={ctx} order={order} titles={view.titles} />
        {state.kind === 'open' ? (
          <Form ctx={ctx} action={`${WITHDRAW_PATH}/order/${order.id}/confirm`}>
            <input type="hidden" name="token" value={token} />
            <p>{t('withdraw.confirm.text')}</p>
            <button type="submit">{t('withdraw.confirm.button')}</button>
          </Form>
        ) : (
          <>
            <Alert kind="info">
              {state.kind === 'expired'
                ? t('withdraw.reason.expired', { date: formatDateTime(state.endedAt, ctx.locale) })
                : t(`withdraw.reason.${state.kind}`)}
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
    <Layout ctx={ctx} title={t('withdraw.done.title')}>
      <section class="panel withdraw" aria-labelledby="h-withdraw">
        <h1 id="h-withdraw">{t('withdraw.done.title')}</h1>
        <Alert kind="success">
          {t('withdraw.done.text', {
            number: order.number,
            date: formatDateTime(receivedAt, ctx.locale),
            email: order.email,
          })}
        </Alert>
        <p>{t(`withdraw.done.${refund}`, { total })}</p>
      </section>
    </Layout>
  );
}
