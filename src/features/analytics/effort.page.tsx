import { formatAmountInput, formatMoney } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import type { Translate } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { AnalyticsTabs, RebuildForm } from './analytics-shell.js';
import { formatDay, formatValue } from './chart-format.js';
import type { EffortRecords } from './effort-data.js';
import {
  type ClientWorkValues,
  type EffortValues,
  type FieldErrorKeys,
  isUsableDay,
  type LeaveValues,
} from './effort-input.js';
import { RecordTable } from './record-table.js';
import type { AnalyticsSettings } from './settings.js';
import type { SettingsValues } from './settings-form.js';

export type Notice = { kind: 'success' | 'error'; text: string } | undefined;
export type NoticeOf = (t: Translate) => Notice;

/** A form that was sent back: what was typed, and what is wrong with which field. */
export type FailedForm =
  | { form: 'effort'; values: EffortValues; errors: FieldErrorKeys }
  | { form: 'client'; values: ClientWorkValues; errors: FieldErrorKeys }
  | { form: 'leave'; values: LeaveValues; errors: FieldErrorKeys }
  | { form: 'settings'; values: SettingsValues; errors: FieldErrorKeys };

/** A stored day in the reader's writing ("06.12.2026"); as it is and marked when it is no real day (rows from before days were checked). */
function Day({ ctx, day }: { ctx: PageContext; day: string }) {
  if (isUsableDay(day)) return <>{formatDay(day, ctx.locale)}</>;
  const t = ctx.t;
  return (
    <>
      {day} <strong class="error">{t('analytics.effort.notADay')}</strong>
    </>
  );
}

function DeleteButton({ ctx, kind, id }: { ctx: PageContext; kind: string; id: string }) {
  return (
    <Form ctx={ctx} action={`/admin/analytics/effort/${kind}/${id}/delete`} class="inline">
      <button type="submit" class="secondary small">
        {ctx.t('analytics.effort.delete')}
      </button>
    </Form>
  );
}

export function EffortPage(p: {
  ctx: PageContext;
  records: EffortRecords;
  settings: AnalyticsSettings;
  currency: string;
  today: string;
  notice: Notice;
  failed?: FailedForm | undefined;
}) {
  const { ctx, records: r, currency, today, failed } = p;
  const t = ctx.t;
  /** Typed value and error of a field of the form that was sent back, else the default. */
  const field = (form: FailedForm['form'], name: string, fallback = '') => {
    if (failed?.form !== form) return { value: fallback };
    const key = failed.errors[name];
    return {
      value: (failed.values as Record<string, string>)[name] ?? fallback,
      error:
        key === undefined
          ? undefined
          : typeof key === 'object'
            ? t(amountErrorKey(key.amount, currency))
            : t(`analytics.effort.error.${key}`),
    };
  };
  const formAlert = (form: FailedForm['form']) =>
    failed?.form === form && (
      <Alert kind="error">{t(form === 'settings' ? 'analytics.effort.badSettings' : 'analytics.effort.invalid')}</Alert>
    );
  const cats = (['creation', 'update', 'support', 'delivery'] as const).map((c) => ({
    value: c,
    label: t(`analytics.effort.cat.${c}`),
  }));
  return (
    <AdminLayout ctx={ctx} title={t('analytics.effort.title')}>
      <AnalyticsTabs ctx={ctx} current="effort" query="" />
      {p.notice && <Alert kind={p.notice.kind}>{p.notice.text}</Alert>}
      <section class="panel">
        <h2>{t('analytics.effort.product')}</h2>
        {r.products.length > 0 && (
          <Form ctx={ctx} action="/admin/analytics/effort" idPrefix="effort">
            {formAlert('effort')}
            <Select
              name="productId"
              label={t('analytics.product')}
              value={field('effort', 'productId', r.products[0]?.id ?? '').value}
              options={r.products.map((x) => ({
                value: x.id,
                label: kindLabel(x, t),
              }))}
            />
            <Field
              name="day"
              type="date"
              label={t('analytics.effort.day')}
              {...field('effort', 'day', today)}
              required
            />
            <Field
              name="hours"
              label={t('analytics.effort.hours')}
              {...field('effort', 'hours')}
              required
              inputmode="decimal"
            />
            <Select
              name="category"
              label={t('analytics.effort.category')}
              value={field('effort', 'category', 'creation').value}
              options={cats}
            />
            <Field name="note" label={t('analytics.effort.note')} {...field('effort', 'note')} />
            <button type="submit">{t('analytics.effort.add')}</button>
          </Form>
        )}
        <RecordTable
          ctx={ctx}
          head={[
            t('analytics.effort.day'),
            t('analytics.product'),
            t('analytics.hours'),
            t('analytics.effort.category'),
            t('analytics.effort.note'),
          ]}
          rows={r.effort}
          cells={(e) => [
            <Day ctx={ctx} day={e.day} />,
            e.title,
            formatValue(e.minutes, 'minutes', currency, ctx.locale),
            t(`analytics.effort.cat.${e.category}`),
            e.note,
            <DeleteButton ctx={ctx} kind="effort" id={e.id} />,
          ]}
        />
      </section>
      <section class="panel">
        <h2>{t('analytics.effort.client')}</h2>
        <Form ctx={ctx} action="/admin/analytics/client-work" idPrefix="client">
          {formAlert('client')}
          <Field name="day" type="date" label={t('analytics.effort.day')} {...field('client', 'day', today)} required />
          <Field name="hours" label={t('analytics.effort.hours')} {...field('client', 'hours')} inputmode="decimal" />
          <Field
            name="amount"
            label={t('analytics.effort.amount', { currency })}
            {...field('client', 'amount')}
            inputmode="decimal"
          />
          <Field name="note" label={t('analytics.effort.note')} {...field('client', 'note')} />
          <button type="submit">{t('analytics.effort.add')}</button>
        </Form>
        <Form ctx={ctx} action="/admin/analytics/client-work/import">
          <div class="field">
            <label for="f-csv">{t('analytics.effort.import')}</label>
            <textarea id="f-csv" name="csv" rows={4} aria-describedby="f-csv-hint" />
            <p class="hint" id="f-csv-hint">
              {t('analytics.effort.importHint')}
            </p>
          </div>
          <button type="submit" class="secondary">
            {t('analytics.effort.import')}
          </button>
        </Form>
        <RecordTable
          ctx={ctx}
          head={[
            t('analytics.effort.day'),
            t('analytics.hours'),
            t('analytics.effort.amount', { currency }),
            t('analytics.effort.note'),
          ]}
          rows={r.client}
          cells={(c) => [
            <Day ctx={ctx} day={c.day} />,
            formatValue(c.minutes, 'minutes', currency, ctx.locale),
            formatMoney(c.amount_minor, c.currency, ctx.locale),
            c.note,
            <DeleteButton ctx={ctx} kind="client" id={c.id} />,
          ]}
        />
      </section>
      <section class="panel">
        <h2>{t('analytics.effort.leave')}</h2>
        <Form ctx={ctx} action="/admin/analytics/leave" idPrefix="leave">
          {formAlert('leave')}
          <Field
            name="startDay"
            type="date"
            label={t('analytics.effort.from')}
            {...field('leave', 'startDay', today)}
            required
          />
          <Field
            name="endDay"
            type="date"
            label={t('analytics.effort.to')}
            {...field('leave', 'endDay', today)}
            required
          />
          <Select
            name="kind"
            label={t('analytics.effort.kind')}
            value={field('leave', 'kind', 'holiday').value}
            options={(['holiday', 'sick'] as const).map((k) => ({ value: k, label: t(`analytics.effort.kind.${k}`) }))}
          />
          <Field name="note" label={t('analytics.effort.note')} {...field('leave', 'note')} />
          <button type="submit">{t('analytics.effort.add')}</button>
        </Form>
        <RecordTable
          ctx={ctx}
          head={[t('analytics.range'), t('analytics.effort.kind'), t('analytics.effort.note')]}
          rows={r.leave}
          cells={(l) => [
            <>
              <Day ctx={ctx} day={l.start_day} /> – <Day ctx={ctx} day={l.end_day} />
            </>,
            t(`analytics.effort.kind.${l.kind}`),
            l.note,
            <DeleteButton ctx={ctx} kind="leave" id={l.id} />,
          ]}
        />
      </section>
      <section class="panel">
        <h2>{t('analytics.effort.settings')}</h2>
        <Form ctx={ctx} action="/admin/analytics/settings" idPrefix="settings">
          {formAlert('settings')}
          <Field
            name="rate"
            label={t('analytics.effort.rate', { currency })}
            {...field(
              'settings',
              'rate',
              p.settings.hourlyRateMinor ? formatAmountInput(p.settings.hourlyRateMinor, currency, ctx.locale) : '',
            )}
            inputmode="decimal"
          />
          <Field
            name="timeZone"
            label={t('analytics.effort.timeZone')}
            {...field('settings', 'timeZone', p.settings.timeZone)}
            required
          />
          <div class="field">
            <label>
              <input
                type="checkbox"
                name="weekly"
                value="1"
                checked={failed?.form === 'settings' ? failed.values.weekly === '1' : p.settings.weeklyEmail}
              />{' '}
              {t('analytics.effort.weekly')}
            </label>
          </div>
          <button type="submit">{t('analytics.effort.save')}</button>
        </Form>
      </section>
      <section class="panel">
        <h2>{t('analytics.rebuildTitle')}</h2>
        <RebuildForm ctx={ctx} />
      </section>
    </AdminLayout>
  );
}

/** A product's name in the hours form: memberships and podcasts say what they are, other titles speak for themselves. */
function kindLabel(x: { kind: string; title: string }, t: PageContext['t']): string {
  if (x.kind === 'membership') return `${x.title} (${t('analytics.membership')})`;
  if (x.kind === 'podcast') return `${x.title} (${t('analytics.podcast')})`;
  return x.title;
}
