import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Affiliate, DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { formatMoney } from '../../domain/money.js';
import { payableBalances, recordPayout } from '../affiliates/ledger.js';
import { queueEmail } from '../email/queue-email.js';
import { sellerParty } from '../invoices/issue-invoice.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { loadTaxSettings, type TaxSettings } from '../tax/tax-settings.js';
import {
  type CreditNoteDocument,
  creditNoteAmounts,
  decideCreditNoteTax,
  formatCreditNoteNumber,
  missingTaxDetails,
} from './credit-note.js';
import { nextCreditNoteSequence } from './numbering.js';
import { readPayoutSettings } from './payout-settings.js';

export const SKIP_REASONS = [
  'below_minimum',
  'other_currency',
  'tax_details',
  'already_paid',
  'balance_changed',
  'status',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type RunResult =
  | { ok: true; period: string; created: string[]; skipped: { affiliateId: string; reason: SkipReason }[] }
  | { ok: false; error: 'tax_settings' };

class Skip extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason);
  }
}

/** The calendar day and month of an instant on the store's clock. */
export function storeDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The payout run (monthly job and the admin's "run now"): every affiliate
 * whose payable balance in the store's currency reached the minimum gets a
 * payout with its credit note, and the ledger's `paid` entry, in ONE
 * transaction per affiliate. The period is the store-local month of the run;
 * UNIQUE (affiliate, period, currency) makes a second run in the same month
 * (a retried job, a double click, two workers) add nothing — its insert
 * finds the row, the transaction rolls back and gives its number back.
 */
export async function runPayouts(db: Kysely<DB>, o: { publicUrl: string; now?: Date }): Promise<RunResult> {
  const now = o.now ?? new Date();
  const tax = await loadTaxSettings(db);
  if (!tax) return { ok: false, error: 'tax_settings' };
  const store = await getStoreSettings(db);
  const settings = await readPayoutSettings(db);
  const day = storeDay(now, store.timeZone);
  const period = day.slice(0, 7);
  const created: string[] = [];
  const skipped: { affiliateId: string; reason: SkipReason }[] = [];
  for (const b of await payableBalances(db, now)) {
    const skip = (reason: SkipReason) => skipped.push({ affiliateId: b.affiliateId, reason });
    if (b.currency !== store.currency) {
      skip('other_currency');
      continue;
    }
    if (b.payableMinor < settings.minimumMinor) {
      skip('below_minimum');
      continue;
    }
    try {
      created.push(await payOne(db, { ...b, now, day, period, tax, locale: store.locale, publicUrl: o.publicUrl }));
    } catch (err) {
      if (!(err instanceof Skip)) throw err;
      skip(err.reason);
    }
  }
  return { ok: true, period, created, skipped };
}

type One = {
  affiliateId: string;
  currency: string;
  payableMinor: number;
  now: Date;
  day: string;
  period: string;
  tax: TaxSettings;
  locale: 'en' | 'de';
  publicUrl: string;
};

async function payOne(db: Kysely<DB>, o: One): Promise<string> {
  const affiliate = await db.selectFrom('affiliates').selectAll().where('id', '=', o.affiliateId).executeTakeFirst();
  if (!affiliate || (affiliate.status !== 'approved' && affiliate.status !== 'suspended')) throw new Skip('status');
  if (missingTaxDetails(affiliate, o.tax.country).length > 0) throw new Skip('tax_details');
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const sequence = await nextCreditNoteSequence(trx, Number(o.day.slice(0, 4)));
    const document = creditNoteDocument(affiliate, o, formatCreditNoteNumber(Number(o.day.slice(0, 4)), sequence));
    const inserted = await trx
      .insertInto('affiliate_payouts')
      .values({
        id,
        affiliate_id: affiliate.id,
        currency: o.currency,
        amount_minor: document.grossMinor,
        net_minor: document.netMinor,
        vat_minor: document.vatMinor,
        vat_rate_bp: document.rateBp,
        vat_scheme: document.scheme,
        period: o.period,
        sepa_batch_id: null,
        credit_note_number: document.number,
        document: JSON.stringify(document),
        created_at: isoNow(o.now),
        paid_at: null,
        paid_by: null,
      })
      .onConflict((oc) => oc.columns(['affiliate_id', 'period', 'currency']).doNothing())
      .executeTakeFirst();
    // Throwing rolls the counter back too: no number is lost.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Skip('already_paid');
    try {
      await recordPayout(trx, {
        affiliateId: affiliate.id,
        currency: o.currency,
        amountMinor: o.payableMinor,
        payoutId: id,
        at: o.now,
      });
    } catch (err) {
      // A refund or claw-back since the balance was read: the next run pays what is left.
      // Anything else (the database) fails the run, so the job retries.
      if (err instanceof Error && /exceeds the payable balance/.test(err.message)) throw new Skip('balance_changed');
      throw err;
    }
    // Sent after commit by the email job; a rolled-back payout sends nothing.
    await queueEmail(trx, {
      to: affiliate.email,
      locale: o.locale,
      template: 'affiliate-payout',
      data: {
        number: document.number,
        amount: formatMoney(document.grossMinor, document.currency, o.locale),
        url: `${o.publicUrl}/partner/payouts`,
      },
      uniqueKey: `affiliate-payout:${id}`,
    });
    return id;
  });
}

function creditNoteDocument(a: Affiliate, o: One, number: string): CreditNoteDocument {
  const tax = decideCreditNoteTax({ vatStatus: a.vat_status, country: a.country }, o.tax.country, o.day);
  return {
    ...tax,
    ...creditNoteAmounts(o.payableMinor, tax.rateBp),
    number,
    issuedAt: isoNow(o.now),
    period: o.period,
    locale: o.locale,
    currency: o.currency,
    seller: {
      name: a.legal_name,
      street: a.street,
      postcode: a.postcode,
      city: a.city,
      country: a.country,
      email: a.email,
      vatId: a.vat_id,
      taxNumber: a.tax_number,
    },
    buyer: sellerParty(o.tax),
    partnerId: a.code,
    iban: a.iban,
    accountHolder: a.account_holder || a.legal_name,
    bic: a.bic,
  };
}
