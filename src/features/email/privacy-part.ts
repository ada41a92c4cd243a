import { sql } from 'kysely';
import type { PrivacyPart } from '../privacy/privacy-part.js';

const toSubject = (address: string) => sql<boolean>`lower(to_address) = ${address}`;

/** Every email sent to the address; erasure blanks their content (the send record stays). */
export const emailPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    emails: await db
      .selectFrom('emails')
      .select(['id', 'to_address', 'subject', 'text', 'template', 'status', 'created_at', 'sent_at'])
      .where(toSubject(address))
      .orderBy('created_at')
      .execute(),
  }),
  erase: async (trx, address) => {
    const r = await trx
      .updateTable('emails')
      .set({ html: '', text: '', subject: '[erased]' })
      .where(toSubject(address))
      .executeTakeFirst();
    return { emails: Number(r.numUpdatedRows) };
  },
};
