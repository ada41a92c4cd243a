import type { Kysely } from 'kysely';

/**
 * An email may carry a calendar invitation (an event's ticket, a moved or
 * cancelled session): its iCalendar text is stored with the email, like the
 * rendered HTML, so the outbox shows it and a retry sends the same bytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('emails').addColumn('calendar', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('emails').dropColumn('calendar').execute();
}
