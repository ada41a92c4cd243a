import type { Selectable } from 'kysely';
import type { TestPaymentSessionsTable } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { CardLayout } from '../../web/layout.js';
import { countryName, listBillingCountries } from '../tax/countries.js';
import { DELAY_SECONDS } from './test-checkout.js';
import { TEST_FEE_FIXED_MINOR, testFeeMinor } from './test-provider.js';

type Props = {
  ctx: PageContext;
  session: Selectable<TestPaymentSessionsTable>;
  orderNumber: string;
  /** A membership's first period: offers a card whose renewals fail. */
  subscription?: boolean;
  /** The card country as sent back after a bad value, and its error. */
  cardCountry?: string | undefined;
  cardCountryError?: boolean | undefined;
};

/**
 * The test card's issuing country: none by default (the payment then reports
 * it as unknown, as a real provider does for many methods); another country
 * than the billing country shows how the order page flags that.
 */
function CardCountryField({ ctx, value, error }: { ctx: PageContext; value: string; error: boolean }) {
  const id = 'f-cardCountry';
  const options = listBillingCountries()
    .map((code) => ({ code, name: countryName(code, ctx.locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{ctx.t('payments.test.cardCountry')}</label>
      <select id={id} name="cardCountry" aria-describedby={`${id}-hint`} aria-invalid={error ? 'true' : undefined}>
        <option value="">{ctx.t('payments.test.cardCountryNone')}</option>
        {options.map((o) => (
          <option value={o.code} selected={o.code === value}>
            {o.name}
          </option>
        ))}
      </select>
      {error && <p class="error">{ctx.t('payments.test.cardCountryInvalid')}</p>}
      <p class="hint" id={`${id}-hint`}>
        {ctx.t('payments.test.cardCountryHint')}
      </p>
    </div>
  );
}

/** The test provider's own payment page, unmistakably marked TEST MODE. */
export function TestPayPage({ ctx, session, orderNumber, subscription, cardCountry, cardCountryError }: Props) {
  const t = ctx.t;
  const open = session.status === 'open';
  const fee = testFeeMinor(session.amount_minor);
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
        <dt>{t('payments.test.fee')}</dt>
        <dd>
          {formatMoney(fee, session.currency, ctx.locale)}{' '}
          <span class="muted">
            {t('payments.test.feeRule', { fixed: formatMoney(TEST_FEE_FIXED_MINOR, session.currency, ctx.locale) })}
          </span>
        </dd>
      </dl>
      {open ? (
        <>
          <p class="muted">{t('payments.test.intro')}</p>
          <Form ctx={ctx} action={`/pay/test/${session.id}`} class="stack">
            <CardCountryField ctx={ctx} value={cardCountry ?? ''} error={cardCountryError === true} />
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
