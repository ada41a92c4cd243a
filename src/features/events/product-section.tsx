import { isoNow } from '../../db/time.js';
import type { ProductSection } from '../catalog/product-section.js';
import { findEvent, listSessions } from './queries.js';
import { sessionTimeLabel } from './session-time.js';

/**
 * An event's dates and place on its product page. It reads only the event's
 * public tables (they move the content version), never the seat counts: the
 * page is cached, the checkout shows what is left.
 */
export const eventProductSection: ProductSection = async (db, product, ctx) => {
  if (product.kind !== 'event') return null;
  const event = await findEvent(db, product.id);
  if (!event) return null;
  const now = isoNow();
  const sessions = (await listSessions(db, product.id)).filter((s) => s.ends_at > now);
  const t = ctx.t;
  return (
    <section class="event-details" aria-labelledby="h-event-dates">
      <h2 id="h-event-dates">{t('events.product.dates')}</h2>
      {sessions.length === 0 ? (
        <p class="muted">{t('events.choice.none')}</p>
      ) : (
        <ul class="event-dates">
          {sessions.map((s) => (
            <li>
              {sessionTimeLabel(s, ctx.locale, ctx.timeZone)}
              {s.status === 'cancelled' && <span class="muted"> ({t('events.ticket.cancelled')})</span>}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t('events.product.zone', { zone: ctx.timeZone })}</p>
      {event.format === 'online' ? (
        <p>{t('events.product.online')}</p>
      ) : (
        <p>
          {t('events.product.venue')} <span class="pre-line">{event.venue}</span>
        </p>
      )}
      {event.ticket_scope === 'all' && sessions.length > 1 && <p>{t('events.product.allSessions')}</p>}
    </section>
  );
};
