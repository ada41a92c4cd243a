import type { Kysely } from 'kysely';

/** Outgoing webhooks: endpoints the creator adds and the deliveries sent to them. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
