import type { MembershipTier } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { TextArea } from '../catalog/form-parts.js';
import type { TierFormErrors, TierFormInput } from './tiers.js';

export function tierPriceText(ctx: PageContext, tier: MembershipTier): string {
  if (tier.is_free) return ctx.t('memberships.public.free');
  const parts: string[] = [];
  if (tier.monthly_price_minor)
    parts.push(
      ctx.t('memberships.public.perMonth', {
        amount: formatMoney(tier.monthly_price_minor, tier.currency, ctx.locale),
      }),
    );
  if (tier.yearly_price_minor)
    parts.push(
      ctx.t('memberships.public.perYear', { amount: formatMoney(tier.yearly_price_minor, tier.currency, ctx.locale) }),
    );
  return parts.join(' · ');
}

/** Admin: the list of tiers. */
export function TiersPage({ ctx, tiers, notice }: { ctx: PageContext; tiers: MembershipTier[]; notice?: string }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('memberships.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="muted">{t('memberships.admin.intro')}</p>
      <p class="actions">
        <a class="btn" href="/admin/memberships/tiers/new">
          {t('memberships.admin.new')}
        </a>{' '}
        <a href="/admin/members">{t('memberships.admin.members')}</a> ·{' '}
        <a href="/membership">{t('memberships.admin.publicPage')}</a>
      </p>
      {tiers.length === 0 ? (
        <p class="empty">{t('memberships.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('memberships.col.name')}</th>
                <th scope="col">{t('memberships.col.kind')}</th>
                <th scope="col">{t('memberships.col.prices')}</th>
                <th scope="col">{t('memberships.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((tier) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/memberships/tiers/${tier.id}`}>{tier.name}</a>
                  </th>
                  <td>{t(tier.is_free ? 'memberships.kind.free' : 'memberships.kind.paid')}</td>
                  <td>{tierPriceText(ctx, tier)}</td>
                  <td>
                    <span class={`badge ${tier.active ? 'paid' : 'neutral'}`}>
                      {t(tier.active ? 'memberships.state.active' : 'memberships.state.inactive')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

type FormProps = {
  ctx: PageContext;
  input: TierFormInput;
  errors: TierFormErrors;
  currency: string;
  existing?: MembershipTier | undefined;
  notice?: string | undefined;
};

/** Admin: create or edit a tier. */
export function TierFormPage({ ctx, input, errors, currency, existing, notice }: FormProps) {
  const t = ctx.t;
  const err = (f: keyof TierFormErrors) => (errors[f] ? t(errors[f]) : undefined);
  const title = existing ? t('memberships.admin.edit', { name: existing.name }) : t('memberships.admin.new');
  const paid = existing ? !existing.is_free : input.kind !== 'free';
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/memberships">{t('memberships.admin.back')}</a>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {Object.keys(errors).length > 0 && <Alert kind="error">{t('memberships.form.fixErrors')}</Alert>}
      <Form ctx={ctx} action={existing ? `/admin/memberships/tiers/${existing.id}` : '/admin/memberships/tiers'}>
        <Field name="name" label={t('memberships.form.name')} value={input.name} error={err('name')} required />
        <Field
          name="slug"
          label={t('memberships.form.slug')}
          value={input.slug}
          error={err('slug')}
          hint={t('memberships.form.slugHint')}
        />
        {existing ? (
          <p class="hint">
            {t('memberships.form.kind')}: {t(existing.is_free ? 'memberships.kind.free' : 'memberships.kind.paid')} —{' '}
            {t('memberships.form.kindFixed')}
          </p>
        ) : (
          <fieldset class={errors.kind ? 'choice invalid' : 'choice'}>
            <legend>{t('memberships.form.kind')}</legend>
            {(['paid', 'free'] as const).map((k) => (
              <div class="choice">
                <input type="radio" id={`f-kind-${k}`} name="kind" value={k} checked={input.kind === k} />
                <label for={`f-kind-${k}`}>{t(`memberships.kind.${k}`)}</label>
              </div>
            ))}
            {errors.kind && <p class="error">{t(errors.kind)}</p>}
          </fieldset>
        )}
        <TextArea
          name="description"
          label={t('memberships.form.description')}
          value={input.description}
          rows={6}
          error={err('description')}
        />
        <TextArea
          name="benefits"
          label={t('memberships.form.benefits')}
          value={input.benefits}
          rows={5}
          error={err('benefits')}
        />
        {paid && (
          <>
            <Field
              name="monthly"
              label={t('memberships.form.monthly', { currency })}
              value={input.monthly}
              error={err('monthly')}
              hint={t('memberships.form.priceHint')}
              inputmode="decimal"
            />
            <Field
              name="yearly"
              label={t('memberships.form.yearly', { currency })}
              value={input.yearly}
              error={err('yearly')}
              inputmode="decimal"
            />
          </>
        )}
        <Field
          name="position"
          label={t('memberships.form.position')}
          value={input.position}
          error={err('position')}
          inputmode="numeric"
        />
        <div class="field">
          <label>
            <input type="checkbox" name="active" value="1" checked={input.active !== undefined} />{' '}
            {t('memberships.form.active')}
          </label>
        </div>
        <button type="submit">{t(existing ? 'memberships.form.save' : 'memberships.form.create')}</button>
      </Form>
    </AdminLayout>
  );
}
