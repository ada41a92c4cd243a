import { z } from 'zod';
import { isoNow } from '../../db/time.js';
import { defineJob } from '../../jobs/define.js';

/**
 * Hands one stored email to the transport. Only a `queued` email is sent, and
 * it is marked `sent` right after, so a retried job does not send it again.
 */
export const sendEmailJob = defineJob({
  kind: 'email.send',
  payload: z.object({ emailId: z.string() }),
  maxAttempts: 10,
  handle: async ({ emailId }, { db, services }) => {
    const email = await db.selectFrom('emails').selectAll().where('id', '=', emailId).executeTakeFirst();
    if (email?.status !== 'queued') return;
    try {
      const sent = await services.mailer.send(email, services.config.emailFrom);
      await db
        .updateTable('emails')
        .set({ status: 'sent', transport: sent.transport, message_id: sent.messageId, sent_at: isoNow(), error: null })
        .where('id', '=', emailId)
        .where('status', '=', 'queued')
        .execute();
    } catch (err) {
      await db
        .updateTable('emails')
        .set({ error: (err as Error).message })
        .where('id', '=', emailId)
        .execute();
      throw err;
    }
  },
});
