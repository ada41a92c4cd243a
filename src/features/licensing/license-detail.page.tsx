import type { LicenseInstance } from '../../db/schema.js';
import { Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { localDay } from '../analytics/time-zone.js';
import type { FormErrors, KeyLimitsInput } from './admin-forms.js';
import { Notice, StatusBadge, usageText } from './admin-parts.js';
import type { LicenseKeyDetail } from './admin-queries.js';
import { licenseStatus } from './license-rules.js';

type Props = {
  ctx: PageContext;
  license: LicenseKeyDetail;
  instances: LicenseInstance[];
  now: string;
  notice?: string | undefined;
  limits?: { input: KeyLimitsInput; errors: FormErrors } | undefined;
};

function Facts({ ctx, license, now }: Pick<Props, 'ctx' | 'license' | 'now'>) {
  const t = ctx.t;
  const status = licenseStatus(license, now);
  return (
    <section class="panel">
      <dl class="meta">
        <dt>{t('licensing.detail.status')}</dt>
        <dd>
          <StatusBadge ctx={ctx} status={status} />
          {status === 'disabled' && license.disabled_reason && (
            <> {t('licensing.detail.disabledBecause', { reason: t(`licensing.reason.${license.disabled_reason}`) })}</>
          )}
        </dd>
        <dt>{t('licensing.detail.product')}</dt>
        <dd>
          <a href={`/admin/products/${license.product_id}/licensing`}>{license.product_title}</a>
        </dd>
        <dt>{t('licensing.detail.order')}</dt>
        <dd>
          <a href={`/admin/orders/${license.order_id}`}>{license.order_number}</a>
        </dd>
        <dt>{t('licensing.detail.customer')}</dt>
        <dd>{license.customer_name ? `${license.customer_name} <${license.email}>` : license.email}</dd>
        <dt>{t('licensing.detail.activations')}</dt>
        <dd>{usageText(ctx, license)}</dd>
        <dt>{t('licensing.detail.uses')}</dt>
        <dd>{license.uses}</dd>
        <dt>{t('licensing.detail.expires')}</dt>
        <dd>
          {license.expires_at
            ? formatDateTime(license.expires_at, ctx.locale, ctx.timeZone)
            : t('licensing.detail.never')}
        </dd>
        <dt>{t('licensing.detail.created')}</dt>
        <dd>{formatDateTime(license.created_at, ctx.locale, ctx.timeZone)}</dd>
      </dl>
    </section>
  );
}

function Instances({ ctx, license, instances }: Pick<Props, 'ctx' | 'license' | 'instances'>) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-instances">
      <h2 id="h-instances">{t('licensing.instances.heading')}</h2>
      {instances.length === 0 ? (
        <p class="empty">{t('licensing.instances.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('licensing.instances.name')}</th>
                <th scope="col">{t('licensing.instances.id')}</th>
                <th scope="col">{t('licensing.instances.created')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {instances.map((i) => (
                <tr>
                  <th scope="row">{i.name}</th>
                  <td>
                    <code>{i.id}</code>
                  </td>
                  <td>{formatDateTime(i.created_at, ctx.locale, ctx.timeZone)}</td>
                  <td>
                    <Form
                      ctx={ctx}
                      action={`/admin/licenses/${license.id}/instances/${i.id}/deactivate`}
                      class="inline-form"
                    >
                      <button type="submit" class="secondary small-btn">
                        {t('licensing.instances.deactivate')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LimitsForm({ ctx, license, limits }: Pick<Props, 'ctx' | 'license' | 'limits'>) {
  const t = ctx.t;
  const input = limits?.input ?? {
    activation_limit: license.activation_limit === null ? '' : String(license.activation_limit),
    expires_on: license.expires_at ? localDay(license.expires_at, ctx.timeZone) : '',
  };
  const error = (name: string) => {
    const key = limits?.errors[name];
    return key ? t(key) : undefined;
  };
  return (
    <section class="panel" aria-labelledby="h-limits">
      <h2 id="h-limits">{t('licensing.limits.heading')}</h2>
      <Form ctx={ctx} action={`/admin/licenses/${license.id}/limits`} class="stack">
        <Field
          name="activation_limit"
          type="number"
          label={t('licensing.limits.limit')}
          value={input.activation_limit}
          error={error('activation_limit')}
          hint={t('licensing.limits.limitHint')}
          inputmode="numeric"
        />
        <Field
          name="expires_on"
          label={t('licensing.limits.expires')}
          value={input.expires_on}
          error={error('expires_on')}
          hint={t('licensing.limits.expiresHint', { zone: ctx.timeZone })}
        />
        <button type="submit">{t('licensing.limits.save')}</button>
      </Form>
    </section>
  );
}

function Actions({ ctx, license }: Pick<Props, 'ctx' | 'license'>) {
  const t = ctx.t;
  const disabled = license.disabled_at !== null;
  return (
    <section class="panel danger-zone">
      <Form ctx={ctx} action={`/admin/licenses/${license.id}/${disabled ? 'enable' : 'disable'}`}>
        <p class="muted">{t('licensing.action.disableHint')}</p>
        <button type="submit" class={disabled ? undefined : 'danger'}>
          {t(disabled ? 'licensing.action.enable' : 'licensing.action.disable')}
        </button>
      </Form>
      <Form ctx={ctx} action={`/admin/licenses/${license.id}/reset`}>
        <p class="muted">{t('licensing.action.resetHint')}</p>
        <button type="submit" class="secondary">
          {t('licensing.action.reset')}
        </button>
      </Form>
    </section>
  );
}

export function LicenseDetailPage({ ctx, license, instances, now, notice, limits }: Props) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('licensing.detail.title', { key: license.display_key })}>
      <Notice text={notice} />
      <p>
        <a href="/admin/licenses">← {ctx.t('licensing.detail.back')}</a>
      </p>
      <Facts ctx={ctx} license={license} now={now} />
      <Instances ctx={ctx} license={license} instances={instances} />
      <LimitsForm ctx={ctx} license={license} limits={limits} />
      <Actions ctx={ctx} license={license} />
    </AdminLayout>
  );
}
