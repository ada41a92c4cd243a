import { Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { EventListRow } from './attendees.js';

/** The creator's events: each with its next session and seats sold, and the form for a new one. */
export function EventsListPage({ ctx, events, error }: { ctx: PageContext; events: EventListRow[]; error?: string }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('events.admin.title')}>
      {events.length === 0 ? (
        <p class="empty">{ctx.t('events.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('events.admin.event')}</th>
                <th scope="col">{ctx.t('events.admin.status')}</th>
                <th scope="col">{ctx.t('events.admin.nextSession')}</th>
                <th scope="col">{ctx.t('events.admin.seatsSold')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr>
                  <td>
                    <a href={`/admin/events/${e.product_id}`}>{e.title}</a>
                  </td>
                  <td>{ctx.t(`catalog.status.${e.status}`)}</td>
                  <td class="nowrap">
                    {e.next_start ? formatDateTime(e.next_start, ctx.locale, ctx.timeZone) : ctx.t('events.admin.none')}
                  </td>
                  <td>
                    <a href={`/admin/events/${e.product_id}/attendees`}>
                      {ctx.t('events.admin.seatsOf', { n: e.sold, of: e.capacity })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{ctx.t('events.admin.new')}</h2>
      <Form ctx={ctx} action="/admin/events/new" idPrefix="new">
        <Field name="title" label={ctx.t('events.admin.field.title')} error={error} required />
        <button type="submit">{ctx.t('events.admin.create')}</button>
      </Form>
    </AdminLayout>
  );
}
