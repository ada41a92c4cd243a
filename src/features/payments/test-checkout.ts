import type { Kysely } from 'kysely';
import type { DB, TestPaymentStatus } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { enqueueJob } from '../../jobs/queue.js';
import { testNotifyJob } from './job-contracts.js';

export type TestOutcome = 'pay' | 'decline' | 'delay';

/** Seconds until a "delayed success" settles, like a bank transfer or SEPA debit clearing. */
export const DELAY_SECONDS = 5;

const NEXT: Record<TestOutcome, TestPaymentStatus> = { pay: 'paid', decline: 'declined', delay: 'processing' };

/**
 * What the test provider's own server does when the buyer clicks on its page:
 * change the session's state, then notify the shop by signed webhook (a job,
 * so it arrives asynchronously and is retried like a real provider's).
 */
export async function completeTestCheckout(
  db: Kysely<DB>,
  ref: string,
  outcome: TestOutcome,
  /** The card's country the tester picked; null: none given (the provider reports it as unknown). */
  cardCountry: string | null = null,
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('test_payment_sessions')
      .set({ status: NEXT[outcome], card_country: cardCountry, updated_at: isoNow() })
      .where('id', '=', ref)
      .where('status', '=', 'open')
      .returning('return_url')
      .executeTakeFirst();
    if (!r) return undefined;
    if (outcome === 'delay') {
      await enqueueJob(
        trx,
        testNotifyJob,
        { ref, type: 'checkout.completed', settle: true },
        { runAt: new Date(Date.now() + DELAY_SECONDS * 1000) },
      );
    } else {
      await enqueueJob(trx, testNotifyJob, {
        ref,
        type: outcome === 'pay' ? 'checkout.completed' : 'checkout.failed',
        settle: false,
      });
    }
    return r.return_url;
  });
}

export function findTestSession(db: Kysely<DB>, ref: string) {
  return db.selectFrom('test_payment_sessions').selectAll().where('id', '=', ref).executeTakeFirst();
}
