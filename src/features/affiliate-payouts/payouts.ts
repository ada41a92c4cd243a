import { randomBytes, randomUUID } from 'node:crypto';
import { isSEPACountry, isValidIBAN } from 'ibantools';
import type { Kysely } from 'kysely';
import type { AffiliatePayout, DB, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { getStoreSettings } from '../settings/store-settings.js';
import type { CreditNoteDocument } from './credit-note.js';
import { buildPain001 } from './pain001.js';
import { hasDebtorAccount, readPayoutSettings } from './payout-settings.js';
import { storeDay } from './run-payouts.js';

export const documentOf = (p: Pick<AffiliatePayout, 'document'>) => JSON.parse(p.document) as CreditNoteDocument;

export type PayoutRow = AffiliatePayout & { affiliate_name: string; affiliate_code: string };

/** Newest first, with the affiliate's name; `status` narrows to open or paid. */
export function listPayouts(db: Db, o: { status?: 'open' | 'paid'; affiliateId?: string; limit?: number } = {}) {
  let q = db
    .selectFrom('affiliate_payouts')
    .innerJoin('affiliates', 'affiliates.id', 'affiliate_payouts.affiliate_id')
    .selectAll('affiliate_payouts')
    .select(['affiliates.name as affiliate_name', 'affiliates.code as affiliate_code'])
    .orderBy('affiliate_payouts.created_at', 'desc')
    .orderBy('affiliate_payouts.credit_note_number', 'desc')
    .limit(o.limit ?? 200);
  if (o.status) q = q.where('affiliate_payouts.status', '=', o.status);
  if (o.affiliateId) q = q.where('affiliate_payouts.affiliate_id', '=', o.affiliateId);
  return q.execute() as Promise<PayoutRow[]>;
}

export function findPayout(db: Db, id: string) {
  return db.selectFrom('affiliate_payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listBatches(db: Db, limit = 50) {
  return db.selectFrom('affiliate_payout_batches').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/** The open payouts a SEPA file carried (marking the file paid after the bank ran it). */
export async function openPayoutsOfBatch(db: Db, batchId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('affiliate_payouts')
    .select('id')
    .where('sepa_batch_id', '=', batchId)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => r.id);
}

export function findBatch(db: Db, id: string) {
  return db.selectFrom('affiliate_payout_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export type SepaResult =
  | { ok: true; batchId: string }
  | { ok: false; error: 'no_account' | 'nothing_open' | 'currency' | 'changed' | 'iban'; numbers?: string[] };

/**
 * One SEPA file for the chosen open payouts (all open ones not yet in a file
 * when none are chosen). The file is stored as made, so downloading it again
 * gives the same bytes; the payouts point to it. Choosing payouts already in a
 * file puts them in the new one (a file the bank refused is made again).
 * Only EUR: SEPA credit transfers are euro payments.
 */
export async function createSepaBatch(
  db: Kysely<DB>,
  o: { payoutIds?: readonly string[]; actor: string; now?: Date },
): Promise<SepaResult> {
  const now = o.now ?? new Date();
  const settings = await readPayoutSettings(db);
  if (!hasDebtorAccount(settings)) return { ok: false, error: 'no_account' };
  const { timeZone } = await getStoreSettings(db);
  let q = db.selectFrom('affiliate_payouts').selectAll().where('status', '=', 'open').orderBy('credit_note_number');
  q = o.payoutIds?.length ? q.where('id', 'in', [...o.payoutIds]) : q.where('sepa_batch_id', 'is', null);
  const payouts = await q.execute();
  if (payouts.length === 0) return { ok: false, error: 'nothing_open' };
  if (payouts.some((p) => p.currency !== 'EUR')) return { ok: false, error: 'currency' };
  // A bank refuses the whole file for one account outside SEPA or mistyped: name them instead.
  const badIban = payouts.filter((p) => {
    const iban = documentOf(p).iban;
    return !isValidIBAN(iban) || !isSEPACountry(iban.slice(0, 2));
  });
  if (badIban.length > 0) return { ok: false, error: 'iban', numbers: badIban.map((p) => p.credit_note_number) };
  const messageId = `VF-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(6).toString('hex').toUpperCase()}`;
  const executionDate = storeDay(now, timeZone);
  const file = buildPain001({
    messageId,
    createdAt: now,
    executionDate,
    debtor: { name: settings.debtorName, iban: settings.debtorIban, bic: settings.debtorBic || null },
    transfers: payouts.map((p) => {
      const d = documentOf(p);
      return {
        endToEndId: d.number,
        amountMinor: p.amount_minor,
        name: d.accountHolder || d.seller.name,
        iban: d.iban,
        bic: d.bic ?? null,
        remittance: `Gutschrift ${d.number}`,
      };
    }),
  });
  const total = payouts.reduce((s, p) => s + p.amount_minor, 0);
  const batchId = randomUUID();
  const done = await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('affiliate_payout_batches')
        .values({
          id: batchId,
          message_id: messageId,
          payout_count: payouts.length,
          total_minor: total,
          currency: 'EUR',
          execution_date: executionDate,
          file,
          created_by: o.actor,
          created_at: isoNow(now),
        })
        .execute();
      // Guarded: a payout marked paid meanwhile must not go into a file (the whole file is refused).
      const r = await trx
        .updateTable('affiliate_payouts')
        .set({ sepa_batch_id: batchId })
        .where(
          'id',
          'in',
          payouts.map((p) => p.id),
        )
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== payouts.length) throw new Changed();
      await recordAudit(trx, o.actor, 'affiliate-payouts.sepa-file', {
        batchId,
        messageId,
        count: payouts.length,
        total,
      });
      return true;
    })
    .catch((err) => {
      if (err instanceof Changed) return false;
      throw err;
    });
  return done ? { ok: true, batchId } : { ok: false, error: 'changed' };
}

class Changed extends Error {}

/** Marks open payouts paid (guarded: a paid one stays as it was); how many changed. */
export async function markPayoutsPaid(
  db: Kysely<DB>,
  o: { payoutIds: readonly string[]; actor: string; now?: Date },
): Promise<number> {
  if (o.payoutIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('affiliate_payouts')
      .set({ status: 'paid', paid_at: isoNow(o.now), paid_by: o.actor })
      .where('id', 'in', [...o.payoutIds])
      .where('status', '=', 'open')
      .executeTakeFirst();
    const count = Number(r.numUpdatedRows);
    if (count > 0) await recordAudit(trx, o.actor, 'affiliate-payouts.marked-paid', { payoutIds: o.payoutIds, count });
    return count;
  });
}
