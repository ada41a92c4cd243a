import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';

/** The customer asks from the library; the creator carries it out (Admin → Privacy requests). One open request per address. */
export async function requestErasure(db: Kysely<DB>, email: string): Promise<string> {
  const address = email.trim().toLowerCase();
  const open = await db
    .selectFrom('privacy_requests')
    .select('requested_at')
    .where('email', '=', address)
    .where('kind', '=', 'erasure')
    .where('status', '=', 'requested')
    .executeTakeFirst();
  if (open) return open.requested_at;
  const now = isoNow();
  await db
    .insertInto('privacy_requests')
    .values({
      id: randomUUID(),
      kind: 'erasure',
      email: address,
      source: 'customer',
      status: 'requested',
      requested_at: now,
      handled_at: null,
      handled_by: null,
    })
    .execute();
  return now;
}
