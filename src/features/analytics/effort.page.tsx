import { formatMoney, toDecimalString } from '../../domain/money.js';
import { Alert, Field, Form, Select } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { hoursText } from './chart-model.js';
import type { EffortRecords } from './effort-data.js';
import type { AnalyticsSettings } from './settings.js';

export type Notice = { kind: 'success' | 'error'; text: string } | undefined;

function DeleteButton({ ctx, kind, id }: { ctx: PageContext; kind: string; id: string }) {
  return (
    <Form ctx={ctx} action={`/admin/analytics/effort/${kind}/${id}/delete`} class="inline">
      <button type="submit" class="secondary small">
        {ctx.t('effort.delete')}
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
}) {
  const { ctx, records: r, currency, today } = p;
  const t = ctx.t;
  const cats = (['creation', 'update', 'support'] as const).map((c) => ({ value: c, label: t(`effort.cat.${c}`) }));
  return (
    <AdminLayout ctx={ctx} title={t('effort.title')}>
      <p>
        <a href="/admin/analytics">← {t('analytics.title')}</a>
      </p>
      {p.notice && <Alert kind={p.notice.kind}>{p.notice.text}</Alert>}
      <section class="panel">
        <h2>{t('effort.product')}</h2>
        {r.products.length > 0 && (
          <Form ctx={ctx} action="/admin/analytics/effort">
            <Select
              name="productId"
              label={t('analytics.product')}
              value={r.products[0]?.id ?? ''}
              options={r.products.map((x) => ({
                value: x.id,
                label: x.kind === 'membership' ? `${x.title} (${t('analytics.membership')})` : x.title,
              }))}
            />
            <Field name="day" label={t('effort.day')} value={today} required />
            <Field name="hours" label={t('effort.hours')} required inputmode="decimal" />
            <Select name="category" label={t('effort.category')} value="creation" options={cats} />
            <Field name="note" label={t('effort.note')} />
            <button type="submit">{t('effort.add')}</button>
          </Form>
        )}
        <table>
          <tbody>
            {r.effort.map((e) => (
              <tr>
                <td>{e.day}</td>
                <td>{e.title}</td>
                <td>{hoursText(e.minutes)} h</td>
                <td>{t(`effort.cat.${e.category}`)}</td>
                <td>{e.note}</td>
                <td>
                  <DeleteButton ctx={ctx} kind="effort" id={e.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{t('effort.client')}</h2>
        <Form ctx={ctx} action="/admin/analytics/client-work">
          <Field name="day" label={t('effort.day')} value={today} required />
          <Field name="hours" label={t('effort.hours')} inputmode="decimal" />
          <Field name="amount" label={t('effort.amount', { currency })} inputmode="decimal" />
          <Field name="note" label={t('effort.note')} />
          <button type="submit">{t('effort.add')}</button>
        </Form>
        <Form ctx={ctx} action="/admin/analytics/client-work/import">
          <div class="field">
            <label for="f-csv">{t('effort.import')}</label>
            <textarea id="f-csv" name="csv" rows={4} aria-describedby="f-csv-hint" />
            <p class="hint" id="f-csv-hint">
              {t('effort.importHint')}
            </p>
          </div>
          <button type="submit" class="secondary">
            {t('effort.import')}
          </button>
        </Form>
        <table>
          <tbody>
            {r.client.map((c) => (
              <tr>
                <td>{c.day}</td>
                <td>{hoursText(c.minutes)} h</td>
                <td>{formatMoney(c.amount_minor, c.currency, ctx.locale)}</td>
                <td>{c.note}</td>
                <td>
                  <DeleteButton ctx={ctx} kind="client" id={c.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{t('effort.leave')}</h2>
        <Form ctx={ctx} action="/admin/analytics/leave">
          <Field name="startDay" label={t('effort.from')} value={today} required />
          <Field name="endDay" label={t('effort.to')} value={today} required />
          <Select
            name="kind"
            label={t('effort.kind')}
            value="holiday"
            options={(['holiday', 'sick'] as const).map((k) => ({ value: k, label: t(`effort.kind.${k}`) }))}
          />
          <Field name="note" label={t('effort.note')} />
          <button type="submit">{t('effort.add')}</button>
        </Form>
        <table>
          <tbody>
            {r.leave.map((l) => (
              <tr>
                <td>
                  {l.start_day} – {l.end_day}
                </td>
                <td>{t(`effort.kind.${l.kind}`)}</td>
                <td>{l.note}</td>
                <td>
                  <DeleteButton ctx={ctx} kind="leave" id={l.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{t('effort.settings')}</h2>
        <Form ctx={ctx} action="/admin/analytics/settings">
          <Field
            name="rate"
            label={t('effort.rate', { currency })}
            value={p.settings.hourlyRateMinor ? toDecimalString(p.settings.hourlyRateMinor, currency) : ''}
            inputmode="decimal"
          />
          <Field name="timeZone" label={t('effort.timeZone')} value={p.settings.timeZone} required />
          <div class="field">
            <label>
              <input type="checkbox" name="weekly" value="1" checked={p.settings.weeklyEmail} /> {t('effort.weekly')}
            </label>
          </div>
          <button type="submit">{t('effort.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
