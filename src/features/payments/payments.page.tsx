import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { PaymentMode } from './providers.js';
import type { ConnectionCheck } from './stripe/check-stripe-connection.js';
import type { StripeField, StripeFieldError } from './stripe/save-stripe-settings.js';
import { STRIPE_EVENT_TYPES } from './stripe/stripe-events.js';

export type PaymentsView = {
  mode: PaymentMode;
  /** Masked stored keys ("sk_test_…4242"), when Stripe is connected. */
  stored?: { secretKey: string; publishableKey: string; webhookSecret: string; updatedAt: string } | undefined;
  webhookUrl: string;
  values?: { publishableKey: string } | undefined;
  errors?: Partial<Record<StripeField, StripeFieldError>> | undefined;
  notice?: string | undefined;
  check?: ConnectionCheck | undefined;
};

function ModePanel({ ctx, mode }: { ctx: PageContext; mode: PaymentMode }) {
  const t = ctx.t;
  const key = mode.broken
    ? 'payments.admin.mode.broken'
    : mode.provider === 'test'
      ? 'payments.admin.mode.test'
      : mode.live
        ? 'payments.admin.mode.stripeLive'
        : 'payments.admin.mode.stripeTest';
  return (
    <section class="panel" aria-labelledby="h-mode">
      <h2 id="h-mode">{t('payments.admin.mode')}</h2>
      {mode.broken ? <Alert kind="error">{t(key)}</Alert> : <p>{t(key)}</p>}
    </section>
  );
}

function CheckResult({ ctx, check }: { ctx: PageContext; check: ConnectionCheck }) {
  const t = ctx.t;
  if (!check.ok) return <Alert kind="error">{t(`payments.check.${check.reason}`, { message: check.message })}</Alert>;
  const list = (xs: { amountMinor: number; currency: string }[]) =>
    xs.length ? xs.map((a) => formatMoney(a.amountMinor, a.currency, ctx.locale)).join(', ') : '–';
  return (
    <div class="alert alert-success" role="status">
      <p>{t(check.livemode ? 'payments.check.okLive' : 'payments.check.okTest')}</p>
      <dl class="meta">
        <dt>{t('payments.check.account')}</dt>
        <dd>
          <code>{check.accountId}</code> {check.name} {check.country && `(${check.country})`}
        </dd>
        <dt>{t('payments.check.charges')}</dt>
        <dd>{t(check.chargesEnabled ? 'payments.check.chargesOn' : 'payments.check.chargesOff')}</dd>
        <dt>{t('payments.check.available')}</dt>
        <dd>{list(check.available)}</dd>
        <dt>{t('payments.check.pending')}</dt>
        <dd>{list(check.pending)}</dd>
      </dl>
    </div>
  );
}

function WebhookHelp({ ctx, url }: { ctx: PageContext; url: string }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-webhook">
      <h2 id="h-webhook">{t('payments.webhook.title')}</h2>
      <p>{t('payments.webhook.intro')}</p>
      <p>
        <code>{url}</code>
      </p>
      <p>{t('payments.webhook.events')}</p>
      <ul>
        {STRIPE_EVENT_TYPES.map((type) => (
          <li>
            <code>{type}</code>
          </li>
        ))}
      </ul>
      <p class="muted">{t('payments.webhook.cli', { path: new URL(url).pathname })}</p>
    </section>
  );
}

/** Admin: how buyers pay — the mode, the Stripe keys, the webhook to set up, a connection check. */
export function PaymentsPage({ ctx, view }: { ctx: PageContext; view: PaymentsView }) {
  const t = ctx.t;
  const err = (field: StripeField) => {
    const code = view.errors?.[field];
    return code ? t(`payments.stripe.error.${code}`) : undefined;
  };
  const keep = (masked: string | undefined) => (masked ? t('payments.stripe.keep', { key: masked }) : undefined);
  const connected = Boolean(view.stored);
  return (
    <AdminLayout ctx={ctx} title={t('payments.admin.title')}>
      {view.notice && <Alert kind="success">{view.notice}</Alert>}
      <ModePanel ctx={ctx} mode={view.mode} />
      <section class="panel" aria-labelledby="h-stripe">
        <h2 id="h-stripe">{t('payments.stripe.title')}</h2>
        <p class="muted">{t('payments.stripe.intro')}</p>
        <Form ctx={ctx} action="/admin/payments/stripe" class="stack">
          <Field
            name="secretKey"
            type="password"
            label={t('payments.stripe.secretKey')}
            hint={keep(view.stored?.secretKey) ?? t('payments.stripe.secretKeyHint')}
            error={err('secretKey')}
            autocomplete="off"
          />
          <Field
            name="publishableKey"
            label={t('payments.stripe.publishableKey')}
            value={view.values?.publishableKey ?? view.stored?.publishableKey ?? ''}
            error={err('publishableKey')}
            autocomplete="off"
          />
          <Field
            name="webhookSecret"
            type="password"
            label={t('payments.stripe.webhookSecret')}
            hint={keep(view.stored?.webhookSecret) ?? t('payments.stripe.webhookSecretHint')}
            error={err('webhookSecret')}
            autocomplete="off"
          />
          <p class="hint">{t('payments.stripe.encrypted')}</p>
          <div class="actions">
            <button type="submit">{t('payments.stripe.save')}</button>
          </div>
        </Form>
      </section>
      {connected && (
        <section class="panel" aria-labelledby="h-check">
          <h2 id="h-check">{t('payments.check.title')}</h2>
          {view.check && <CheckResult ctx={ctx} check={view.check} />}
          <Form ctx={ctx} action="/admin/payments/stripe/check">
            <button type="submit" class="secondary">
              {t('payments.check.button')}
            </button>
          </Form>
        </section>
      )}
      <WebhookHelp ctx={ctx} url={view.webhookUrl} />
      {(connected || view.mode.broken) && (
        <section class="panel danger-zone" aria-labelledby="h-disconnect">
          <h2 id="h-disconnect">{t('payments.disconnect.title')}</h2>
          <p>{t('payments.disconnect.text')}</p>
          <Form ctx={ctx} action="/admin/payments/stripe/remove">
            <button type="submit" class="danger">
              {t('payments.disconnect.button')}
            </button>
          </Form>
        </section>
      )}
    </AdminLayout>
  );
}
