import type { Selectable } from 'kysely';
import type { TestPaymentSessionsTable } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout } from '../../web/layout.js';
import { DELAY_SECONDS } from './test-checkout.js';

type Props = {
  ctx: PageContext;
  session: Selectable<TestPaymentSessionsTable>;
  orderNumber: string;
  /** A membership's first period: offers a card whose renewals fail. */
  subscription?: boolean;
};

/** The test provider's own payment page, unmistakably marked TEST MODE. */
export function TestPayPage({ ctx, session, orderNumber, subscription }: Props) {
  const t = ctx.t;
  const open = session.status === 'open';
  return (
    <CardLayout ctx={ctx} title={t('payments.test.title')}>
      <p class="test-mode">{t('payments.testMode')}</p>
      <h1>{t('payments.test.title')}</h1>
      <dl class="meta">
        <dt>{t('payments.test.order')}</dt>
        <dd>{orderNumber}</dd>
        <dt>{t('payments.test.amount')}</dt>
        <dd>
          <strong>{formatMoney(session.amount_minor, session.currency, ctx.locale)}</strong>
        </dd>
      </dl>
      {open ? (
        <>
          <p class="muted">{t('payments.test.intro')}</p>
          <Form ctx={ctx} action={`/pay/test/${session.id}`} class="stack">
            <button type="submit" name="outcome" value="pay" class="btn-block">
              {t('payments.test.pay')}
            </button>
            {subscription && (
              <button type="submit" name="outcome" value="pay-decline-renewals" class="btn-block secondary">
                {t('payments.test.payDeclineRenewals')}
              </button>
            )}
            <button type="submit" name="outcome" value="delay" class="btn-block secondary">
              {t('payments.test.delay', { seconds: DELAY_SECONDS })}
            </button>
            <button type="submit" name="outcome" value="decline" class="btn-block danger">
              {t('payments.test.decline')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <Alert kind="info">{t('payments.test.done')}</Alert>
          <p>
            <a href={session.return_url}>{t('payments.test.back')}</a>
          </p>
        </>
      )}
    </CardLayout>
  );
}
