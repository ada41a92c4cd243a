import type { ImportedSubscription, ImportParser, ParsedLine } from '../records.js';
import { countryCode } from './countries.js';
import type { CsvLine } from './csv.js';
import { readCsv } from './csv.js';
import { type Ds24Field, fieldsOf, missingDs24Columns } from './digistore24-columns.js';
import {
  addInterval,
  type Read,
  readAmount,
  readCount,
  readCurrency,
  readEmail,
  readGermanLocalTime,
  readInstant,
  required,
} from './values.js';

/**
 * Digistore24's purchase list (Berichte → Bestellungen → Export, "CSV für
 * Excel"): one line per order, ';' between cells, decimal commas, German
 * dates in the account's time zone, Windows-1252 text. Its layout is not
 * published; what we know and how: docs/import-formats.md.
 */

/** Digistore24 shows and exports times in the account's zone; German accounts: Berlin. */
const TIME_ZONE = 'Europe/Berlin';

type Fields = ReturnType<typeof fieldsOf>;
type SubscriptionStatus = ImportedSubscription['status'];

function instant(f: Fields, field: Ds24Field): Read<string> {
  const text = f.get(field);
  // The API and IPN write ISO-like "2024-03-05 14:22:10"; the German list writes "05.03.2024 14:22".
  return /^\d{4}-/.test(text)
    ? readInstant(text, f.column(field), true)
    : readGermanLocalTime(text, f.column(field), TIME_ZONE);
}

/** The amount and its currency; a cell may carry the symbol ("47,00 €") instead of a currency column. */
function money(f: Fields, decimal: ',' | '.'): Read<{ minor: number; currency: string }> {
  let text = f.get('amount').replace(/[\s\u00a0]/g, '');
  let currency = f.get('currency');
  const symbol = /€|EUR|CHF|USD|\$|£|GBP/.exec(text)?.[0];
  if (symbol) {
    text = text.replace(symbol, '');
    currency ||= { '€': 'EUR', $: 'USD', '£': 'GBP' }[symbol] ?? symbol;
  }
  const code = readCurrency(currency || 'EUR', f.column('currency'));
  if (!code.ok) return code;
  const amount = readAmount(text, code.value, f.column('amount'), decimal);
  if (!amount.ok) return { ok: false, problem: { ...amount.problem, detail: f.get('amount') } };
  return { ok: true, value: { minor: amount.value, currency: code.value } };
}

function lower(s: string): string {
  return s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
}

type Status = { refunded: boolean; subscription: SubscriptionStatus } | 'unpaid' | undefined;
/** Zahlungsstatus as the purchase list words it; an empty cell is a paid order. */
function paymentStatus(text: string): Status {
  const s = lower(text);
  if (s === '') return { refunded: false, subscription: 'active' };
  if (/erstatt|rueckgabe|ruecklastschrift|chargeback|refund/.test(s))
    return { refunded: true, subscription: 'cancelled' };
  if (/mahnungen abgebrochen/.test(s)) return { refunded: false, subscription: 'expired' };
  if (/abgebrochen|gekuendigt|storniert/.test(s)) return { refunded: false, subscription: 'cancelled' };
  if (/mahnung|ueberfaellig|verspaetet/.test(s)) return { refunded: false, subscription: 'past_due' };
  if (/offen|ausstehend|wartet/.test(s)) return 'unpaid';
  if (/aktiv|bezahlt|abgeschlossen|paid|completed/.test(s)) return { refunded: false, subscription: 'active' };
  return undefined;
}

function interval(text: string): 'month' | 'year' | undefined {
  const s = lower(text).replace(/[\s_]/g, '');
  if (/^(monatlich|1?monat|1?month|monthly)$/.test(s)) return 'month';
  if (/^(jaehrlich|1?jahr|12monate?|12months?|1?year|yearly)$/.test(s)) return 'year';
  return undefined;
}

function subscription(
  f: Fields,
  planName: string,
  price: { minor: number; currency: string },
  startedAt: string,
  status: SubscriptionStatus,
): Read<ImportedSubscription | null> {
  if (!/abo|subscription/.test(lower(f.get('billingType')))) return { ok: true, value: null };
  const every = interval(f.get('interval'));
  if (!every) {
    const detail = f.get('interval') || 'empty';
    const code = f.get('interval') === '' ? 'missing_column' : 'invalid_value';
    return { ok: false, problem: { code, column: f.column('interval'), detail } };
  }
  let end: string | null = null;
  if (f.get('nextPayment') !== '') {
    const next = instant(f, 'nextPayment');
    if (!next.ok) return next;
    end = next.value;
  } else if (f.get('paymentCount') !== '') {
    // Paid periods run back to back from the first payment.
    const count = readCount(f.get('paymentCount'), f.column('paymentCount'));
    if (!count.ok) return count;
    end = startedAt;
    for (let i = 0; i < count.value; i++) end = addInterval(end, every);
  }
  return {
    ok: true,
    value: {
      planName,
      interval: every,
      priceMinor: price.minor,
      currency: price.currency,
      status,
      startedAt,
      currentPeriodEnd: end,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
    },
  };
}

function toLine(row: CsvLine): ParsedLine {
  const { line } = row;
  const f = fieldsOf(row);
  const id = required(f.get('orderId'), f.column('orderId'));
  if (!id.ok) return { line, problem: id.problem };
  const email = readEmail(f.get('email'), f.column('email'));
  if (!email.ok) return { line, problem: email.problem };
  const at = instant(f, 'date');
  if (!at.ok) return { line, problem: at.problem };
  const price = money(f, row.delimiter === ';' ? ',' : '.');
  if (!price.ok) return { line, problem: price.problem };
  const status = paymentStatus(f.get('status'));
  if (status === undefined) {
    return { line, problem: { code: 'invalid_value', column: f.column('status'), detail: f.get('status') } };
  }
  if (status === 'unpaid') {
    return { line, problem: { code: 'unsupported_row', column: f.column('status'), detail: f.get('status') } };
  }
  const productName = f.get('productName');
  const sub = subscription(f, productName, price.value, at.value, status.subscription);
  if (!sub.ok) return { line, problem: sub.problem };
  return {
    line,
    record: {
      kind: 'sale',
      externalId: id.value,
      person: {
        email: email.value,
        name: [f.get('firstName'), f.get('lastName')].filter((s) => s !== '').join(' '),
        country: countryCode(f.get('country')),
        // The purchase list carries no marketing consent.
        consent: 'unknown',
      },
      productExternalId: f.get('productId') || productName,
      productName,
      priceMinor: price.value.minor,
      currency: price.value.currency,
      purchasedAt: at.value,
      refunded: status.refunded,
      licenceKey: null,
      subscription: sub.value,
    },
  };
}

export const digistore24Purchases: ImportParser = {
  source: 'digistore24',
  exportName: 'purchase list CSV',
  missingColumns: missingDs24Columns,
  async *parse(input) {
    for await (const row of readCsv(input, { delimiter: 'auto', missingColumns: missingDs24Columns })) {
      yield 'problem' in row ? row : toLine(row);
    }
  },
};
