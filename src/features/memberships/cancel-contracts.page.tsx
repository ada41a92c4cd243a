import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDay } from '../../web/format.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { TextArea } from '../catalog/form-parts.js';
import type { KeepResult } from './keep-subscription.js';
import { CANCEL_CONTRACTS_PATH } from './links.js';

export type CancelContractsValues = {
  email: string;
  contract: string;
  kind: string;
  reason: string;
  requestedEnd: string;
};
export type CancelContractsErrors = Partial<Record<'email' | 'requestedEnd' | 'kind', string>>;

/** § 312k BGB: the cancellation page, reachable without login; the button reads "Jetzt kündigen". */
export function CancelContractsPage({
  ctx,
  values,
  errors = {},
}: {
  ctx: PageContext;
  values: CancelContractsValues;
  errors?: CancelContractsErrors;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('memberships.terminate.title')}>
      <section class="panel" aria-labelledby="h-terminate">
        <h1 id="h-terminate">{t('memberships.terminate.title')}</h1>
        <p class="muted">{t('memberships.terminate.intro')}</p>
        {Object.keys(errors).length > 0 && <Alert kind="error">{t('memberships.form.fixErrors')}</Alert>}
        <Form ctx={ctx} action={CANCEL_CONTRACTS_PATH}>
          <Field
            name="email"
            type="email"
            label={t('memberships.terminate.email')}
            value={values.email}
            error={errors.email}
            hint={t('memberships.terminate.emailHint')}
            required
            autocomplete="email"
          />
          <Field
            name="contract"
            label={t('memberships.terminate.contract')}
            value={values.contract}
            hint={t('memberships.terminate.contractHint')}
          />
          <fieldset class={errors.kind ? 'choice invalid' : 'choice'}>
            <legend>{t('memberships.terminate.kind')}</legend>
            {(['ordinary', 'extraordinary'] as const).map((k) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`f-kind-${k}`}
                  name="kind"
                  value={k}
                  checked={(values.kind || 'ordinary') === k}
                />
                <label for={`f-kind-${k}`}>{t(`memberships.terminate.${k}`)}</label>
              </div>
            ))}
            {errors.kind && <p class="error">{errors.kind}</p>}
          </fieldset>
          <TextArea name="reason" label={t('memberships.terminate.reason')} value={values.reason} rows={3} />
          <div class={errors.requestedEnd ? 'field invalid' : 'field'}>
            <label for="f-requestedEnd">{t('memberships.terminate.requestedEnd')}</label>
            <input
              id="f-requestedEnd"
              name="requestedEnd"
              type="date"
              value={values.requestedEnd}
              aria-invalid={errors.requestedEnd ? 'true' : undefined}
              aria-describedby="f-requestedEnd-hint"
            />
            <p class="hint" id="f-requestedEnd-hint">
              {t('memberships.terminate.requestedEndHint')}
            </p>
            {errors.requestedEnd && <p class="error">{errors.requestedEnd}</p>}
          </div>
          <button type="submit" class="btn-block danger">
            {t('memberships.terminate.button')}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

/** What the visitor declared: only what they typed, so the page tells nothing about the address. */
export type CancellationDeclaration = { kind: 'ordinary' | 'extraordinary'; contract: string; requestedEnd: string };

/**
 * The confirmation page the person can save: what was declared, when it was
 * received and when it takes effect (§ 312k (4) BGB), from the typed values
 * only, so it is the same for every address.
 */
export function CancelContractsDonePage({
  ctx,
  email,
  receivedAt,
  declaration,
}: {
  ctx: PageContext;
  email: string;
  receivedAt: string;
  declaration: CancellationDeclaration;
}) {
  const t = ctx.t;
  const received = formatDateTime(receivedAt, ctx.locale, ctx.timeZone, { zone: true });
  return (
    <Layout ctx={ctx} title={t('memberships.terminate.doneTitle')}>
      <section class="panel" aria-labelledby="h-terminate-done">
        <h1 id="h-terminate-done">{t('memberships.terminate.doneTitle')}</h1>
        <Alert kind="success">{t('memberships.terminate.done', { email, receivedAt: received })}</Alert>
        <dl class="meta">
          <dt>{t('memberships.terminate.kind')}</dt>
          <dd>{t(`memberships.terminate.${declaration.kind}`)}</dd>
          <dt>{t('memberships.terminate.done.contract')}</dt>
          <dd>{declaration.contract || t('memberships.terminate.done.allContracts')}</dd>
          <dt>{t('memberships.terminate.done.ends')}</dt>
          <dd>
            {declaration.requestedEnd
              ? t('memberships.terminate.done.endsOn', { date: formatDay(declaration.requestedEnd, ctx.locale) })
              : t('memberships.terminate.done.endsEarliest')}
          </dd>
          <dt>{t('memberships.terminate.done.received')}</dt>
          <dd>{received}</dd>
        </dl>
        <p class="muted">{t('memberships.terminate.doneHint')}</p>
      </section>
    </Layout>
  );
}

/** Behind the "this was not me" link of the confirmation email: a button (opening the link changes nothing). */
export function CancelKeepPage({ ctx, result, action }: { ctx: PageContext; result: KeepResult; action: string }) {
  const t = ctx.t;
  const title = result.kind === 'invalid' ? t('memberships.keep.invalidTitle') : t('memberships.keep.title');
  const date = (iso: string | null) => (iso ? formatDateTime(iso, ctx.locale, ctx.timeZone, { zone: true }) : '');
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel" aria-labelledby="h-keep">
        <h1 id="h-keep">{title}</h1>
        {result.kind === 'confirm' && (
          <Form ctx={ctx} action={action}>
            <p>{t('memberships.keep.text', { tier: result.tier, date: date(result.endsAt) })}</p>
            <button type="submit">{t('memberships.keep.button')}</button>
          </Form>
        )}
        {result.kind === 'kept' && (
          <Alert kind="success">{t('memberships.keep.done', { tier: result.tier, date: date(result.renewsAt) })}</Alert>
        )}
        {result.kind === 'ended' && <Alert kind="info">{t('memberships.keep.ended', { tier: result.tier })}</Alert>}
        {result.kind === 'invalid' && (
          <>
            <Alert kind="error">{t('memberships.keep.invalid')}</Alert>
            <p>
              <a href="/library">{t('memberships.email.library')}</a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}
