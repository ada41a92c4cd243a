import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { priceLabel } from '../catalog/price.js';
import type { BookingTypeListRow } from './admin-queries.js';

/** The creator's session types (title, status, duration, price) and the form for a new one. */
export function BookingTypesPage({
  ctx,
  types,
  error,
}: {
  ctx: PageContext;
  types: BookingTypeListRow[];
  error?: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('bookings.admin.types.title')}>
      {error && <Alert kind="error">{error}</Alert>}
      <p class="actions">
        <a href="/admin/bookings">{ctx.t('bookings.admin.backToBookings')}</a>
        <a href="/admin/bookings/availability">{ctx.t('bookings.admin.availability')}</a>
      </p>
      {types.length === 0 ? (
        <p class="empty">{ctx.t('bookings.admin.types.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('bookings.admin.col.title')}</th>
                <th scope="col">{ctx.t('bookings.admin.col.status')}</th>
                <th scope="col">{ctx.t('bookings.admin.col.duration')}</th>
                <th scope="col">{ctx.t('bookings.admin.col.price')}</th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr>
                  <td>
                    <a href={`/admin/bookings/types/${t.product_id}`}>{t.title}</a>
                  </td>
                  <td>{ctx.t(`catalog.status.${t.status}`)}</td>
                  <td class="nowrap">{ctx.t('bookings.admin.minutes', { n: t.duration_minutes })}</td>
                  <td class="nowrap">{priceLabel(t, ctx.t, ctx.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('bookings.admin.new')}</h2>
      <Form ctx={ctx} action="/admin/bookings/types/new" idPrefix="new">
        <Field name="title" label={ctx.t('bookings.admin.field.title')} error={error} required />
        <button type="submit">{ctx.t('bookings.admin.create')}</button>
      </Form>
    </AdminLayout>
  );
}
