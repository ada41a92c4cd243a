import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { queueEmail } from './queue-email.js';

export type SendTestEmailOptions = { to: string; locale: string; actor: string };

/** Queues the 'test-message' email to an admin; the caller nudges the worker. */
export async function sendTestEmail(db: Kysely<DB>, opts: SendTestEmailOptions): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const settings = await getStoreSettings(trx);
    const locale: Locale = isLocale(opts.locale) ? opts.locale : settings.locale;
    const id = await queueEmail(trx, {
      to: opts.to,
      locale,
      template: 'test-message',
      data: { storeName: settings.storeName },
    });
    if (!id) throw new Error('test email was not queued'); // no unique key: cannot happen
    await recordAudit(trx, opts.actor, 'email.test_queued', { emailId: id, to: opts.to });
    return id;
  });
}
