import type { ImportedLicenceKey, ImportedSubscription, ImportParser, ParsedLine } from '../records.js';
import { countryCode } from './countries.js';
import { type CsvLine, readCsv } from './csv.js';
import { addInterval, type Read, readAmount, readCount, readEmail, readFlag, readInstant, required } from './values.js';

/**
 * Gumroad's sales CSV (Analytics/Sales → Export, or the "Sales" e-mail):
 * one line per purchase; amounts in US dollars ("100.0"); flags as 1/0; a
 * "Totals" line at the end. Layout and sources: docs/import-formats.md.
 */

const REQUIRED = [
  'Purchase ID',
  'Item Name',
  'Buyer Name',
  'Purchase Email',
  'Do not contact?',
  'Purchase Date',
  'Purchase Time (UTC timezone)',
  'Sale Price ($)',
  'Country',
  'Fully Refunded?',
  'Product ID',
  'Recurrence',
  'Subscription End Date',
  'License Key',
] as const;

/** Gumroad's amount columns are in US dollars whatever the buyer paid in. */
const CURRENCY = 'USD';

function missingColumns(header: readonly string[]): string[] {
  return REQUIRED.filter((c) => !header.includes(c));
}

function purchasedAt(row: CsvLine): Read<string> {
  const time = row.get('Purchase Time (UTC timezone)');
  // Rails writes the full time ("2024-03-05 14:22:10 UTC"); an edited sheet may keep only the clock time.
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(time)) {
    const date = required(row.get('Purchase Date'), 'Purchase Date');
    if (!date.ok) return date;
    return readInstant(`${date.value} ${time}`, 'Purchase Time (UTC timezone)', true);
  }
  return readInstant(time, 'Purchase Time (UTC timezone)', true);
}

function licenceKey(row: CsvLine): Read<ImportedLicenceKey | null> {
  const key = row.get('License Key');
  if (key === '') return { ok: true, value: null };
  // Exports before 2025 have no use count or enabled flag: 0 uses, enabled.
  const uses = row.get('License Key Activation Count');
  const activations = uses === '' ? { ok: true as const, value: 0 } : readCount(uses, 'License Key Activation Count');
  if (!activations.ok) return activations;
  const enabled = row.get('License Key Enabled?');
  const on = enabled === '' ? { ok: true as const, value: true } : readFlag(enabled, 'License Key Enabled?');
  if (!on.ok) return on;
  // Gumroad's keys have no activation limit in the export and never expire.
  return {
    ok: true,
    value: { key, activations: activations.value, activationLimit: null, disabled: !on.value, expiresAt: null },
  };
}

const INTERVALS: Record<string, 'month' | 'year'> = { monthly: 'month', yearly: 'year' };

function subscription(
  row: CsvLine,
  priceMinor: number,
  startedAt: string,
  trial: boolean,
): Read<ImportedSubscription | null> {
  const recurrence = row.get('Recurrence').toLowerCase();
  if (recurrence === '') return { ok: true, value: null };
  const interval = INTERVALS[recurrence];
  if (!interval) return { ok: false, problem: { code: 'invalid_value', column: 'Recurrence', detail: recurrence } };
  const endText = row.get('Subscription End Date');
  const end = endText === '' ? null : readInstant(endText, 'Subscription End Date', true);
  if (end && !end.ok) return end;
  const cancelled = end !== null || row.get('Cancellation Date') !== '';
  return {
    ok: true,
    value: {
      planName: row.get('Variants') || row.get('Item Name'),
      interval,
      priceMinor,
      currency: CURRENCY,
      // Whether an ended subscription's paid time is over is for the importer to judge against today.
      status: cancelled ? 'cancelled' : 'active',
      startedAt,
      // A line is one charge: it paid for the period from its date on, unless the subscription ended
      // earlier. A free trial paid for nothing, and its length is not exported.
      currentPeriodEnd: end ? end.value : trial ? null : addInterval(startedAt, interval),
      stripeCustomerId: null,
      stripeSubscriptionId: null,
    },
  };
}

function toLine(row: CsvLine): ParsedLine | null {
  const { line } = row;
  if (row.get('Purchase ID') === 'Totals') return null;
  if (row.get('Pre-order authorization?') === '1') {
    return {
      line,
      problem: { code: 'unsupported_row', column: 'Pre-order authorization?', detail: 'not charged yet' },
    };
  }
  const id = required(row.get('Purchase ID'), 'Purchase ID');
  if (!id.ok) return { line, problem: id.problem };
  const product = required(row.get('Product ID'), 'Product ID');
  if (!product.ok) return { line, problem: product.problem };
  const email = readEmail(row.get('Purchase Email'), 'Purchase Email');
  if (!email.ok) return { line, problem: email.problem };
  const price = readAmount(row.get('Sale Price ($)'), CURRENCY, 'Sale Price ($)');
  if (!price.ok) return { line, problem: price.problem };
  const at = purchasedAt(row);
  if (!at.ok) return { line, problem: at.problem };
  const doNotContact = readFlag(row.get('Do not contact?'), 'Do not contact?');
  if (!doNotContact.ok) return { line, problem: doNotContact.problem };
  const refunded = readFlag(row.get('Fully Refunded?'), 'Fully Refunded?');
  if (!refunded.ok) return { line, problem: refunded.problem };
  // A chargeback the seller lost took the money back, as a refund does.
  const disputed = readFlag(row.get('Disputed?'), 'Disputed?');
  if (!disputed.ok) return { line, problem: disputed.problem };
  const won = readFlag(row.get('Dispute Won?'), 'Dispute Won?');
  if (!won.ok) return { line, problem: won.problem };
  const key = licenceKey(row);
  if (!key.ok) return { line, problem: key.problem };
  // Gumroad lists a free trial's start with the plan's price, though nothing was charged.
  const trial = readFlag(row.get('Free trial purchase?'), 'Free trial purchase?');
  if (!trial.ok) return { line, problem: trial.problem };
  const sub = subscription(row, price.value, at.value, trial.value);
  if (!sub.ok) return { line, problem: sub.problem };
  return {
    line,
    record: {
      kind: 'sale',
      externalId: id.value,
      person: {
        email: email.value,
        name: row.get('Buyer Name'),
        country: countryCode(row.get('Country')),
        // Gumroad records no opt-in, only the buyer's "do not contact" wish.
        consent: doNotContact.value ? 'do_not_contact' : 'unknown',
      },
      productExternalId: product.value,
      productName: row.get('Item Name'),
      priceMinor: trial.value ? 0 : price.value,
      currency: CURRENCY,
      purchasedAt: at.value,
      refunded: refunded.value || (disputed.value && !won.value),
      licenceKey: key.value,
      subscription: sub.value,
    },
  };
}

export const gumroadSales: ImportParser = {
  source: 'gumroad',
  exportName: 'sales CSV',
  missingColumns,
  async *parse(input) {
    for await (const row of readCsv(input, { missingColumns })) {
      if ('problem' in row) {
        yield row;
        continue;
      }
      const parsed = toLine(row);
      if (parsed) yield parsed;
    }
  },
};
