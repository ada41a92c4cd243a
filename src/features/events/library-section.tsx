import { formatDateTime } from '../../web/i18n.js';
import type { LibrarySection } from '../library/library-section.js';
import { listCustomerTickets } from './ticket-view.js';

/** The customer's event tickets in their library. */
export const eventLibrarySection: LibrarySection = async (db, email, ctx) => {
  const tickets = await listCustomerTickets(db, email);
  if (tickets.length === 0) return null;
  return (
    <section class="panel library-tickets" aria-labelledby="h-tickets">
      <h2 id="h-tickets">{ctx.t('events.library.title')}</h2>
      <ul>
        {tickets.map((ticket) => (
          <li>
            <a href={`/events/tickets/${ticket.id}`}>{ticket.title}</a>
            {ticket.first_start && (
              <span class="muted"> ({formatDateTime(ticket.first_start, ctx.locale, ctx.timeZone)})</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
