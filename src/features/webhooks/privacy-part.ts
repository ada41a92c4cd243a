import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import type { PrivacyPart } from '../privacy/privacy-part.js';

/** Deliveries whose stored body names the address (as a JSON string: `"…@…"`), by LIKE with its wildcards escaped. */
function mentioning(db: Db, address: string) {
  const quoted = JSON.stringify(address).replace(/[\\%_]/g, (c) => `\\${c}`);
  return db.selectFrom('webhook_deliveries').where(sql<boolean>`payload like ${`%${quoted}%`} escape '\\'`);
}

/**
 * What was sent to the creator's endpoints about the subject: the event
 * bodies that carry the address (orders, memberships). Exported as type,
 * time and state; erased entirely (a log, not a record the law asks to keep;
 * a delivery still waiting is then not sent).
 */
export const webhooksPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    webhookDeliveries: await mentioning(db, address)
      .select(['event_type', 'created_at', 'status'])
      .orderBy('created_at')
      .execute(),
  }),
  erase: async (trx, address) => {
    const ids = (await mentioning(trx, address).select('id').execute()).map((r) => r.id);
    if (ids.length === 0) return { webhookDeliveries: 0 };
    const r = await trx.deleteFrom('webhook_deliveries').where('id', 'in', ids).executeTakeFirst();
    return { webhookDeliveries: Number(r.numDeletedRows) };
  },
};
