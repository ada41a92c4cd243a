import type { Invoice } from '../../db/schema.js';
import { toDecimalString } from '../../domain/money.js';
import { toEurMinor } from '../exchange-rates/convert.js';
import type { PeriodEndRate } from '../exchange-rates/rates.js';
import { csvLine } from '../orders/csv.js';
import { formatRate } from '../tax/rates.js';
import { creditNoteKind, type Party, sellerDay, type TaxGroup } from './model.js';

/** Pure exports for the tax adviser, from issued invoices (credit notes carry negative amounts). */

export type OssRow = {
  country: string;
  rateBp: number;
  /** The invoices' currency; net and VAT in its minor units. */
  currency: string;
  netMinor: number;
  taxMinor: number;
  /** In EUR cents: exact for EUR, converted at `ecb` otherwise; null while the rate is missing. */
  netEurMinor: number | null;
  taxEurMinor: number | null;
  /** The ECB rate used (1 EUR = rate units of `currency`), null for EUR. */
  ecb: { date: string; rate: string } | null;
};
/** What the return holds per member state and rate; `complete` is false while a part lacks its rate. */
export type OssTotal = { country: string; rateBp: number; netEurMinor: number; taxEurMinor: number; complete: boolean };
export type OssMissing = Extract<PeriodEndRate, { ok: false }> & { invoices: number };
export type OssReport = { rows: OssRow[]; totals: OssTotal[]; missing: OssMissing[]; complete: boolean };

const ossGroups = (inv: Invoice) =>
  (JSON.parse(inv.breakdown) as TaxGroup[]).filter((g) => g.scheme === 'oss' && g.taxCountry);

/** The currencies other than EUR whose ECB rate the OSS report of these invoices needs. */
export function ossCurrencies(invoices: readonly Invoice[]): string[] {
  return [...new Set(invoices.filter((i) => i.currency !== 'EUR' && ossGroups(i).length > 0).map((i) => i.currency))];
}

/**
 * OSS union scheme return (Art. 369g VAT Directive, § 18j UStG): per member
 * state of consumption and rate, net and VAT in EUR. EUR invoices count
 * exactly; other currencies are summed per member state, rate and currency
 * and converted once, at the ECB rate for the period's last day (`rates`,
 * see exchange-rates/rates.ts for the rule). A currency without its rate is
 * listed in `missing` and its rows stay unconverted: the totals are then
 * marked incomplete, never silently short.
 */
export function ossReport(
  invoices: readonly Invoice[],
  rates: ReadonlyMap<string, PeriodEndRate> = new Map(),
): OssReport {
  const rows = new Map<string, OssRow>();
  const counts = new Map<string, number>();
  for (const inv of invoices) {
    const groups = ossGroups(inv);
    if (groups.length === 0) continue;
    counts.set(inv.currency, (counts.get(inv.currency) ?? 0) + 1);
    for (const g of groups) {
      const key = `${g.taxCountry}|${g.rateBp}|${inv.currency}`;
      const r = rows.get(key) ?? {
        country: g.taxCountry ?? '',
        rateBp: g.rateBp,
        currency: inv.currency,
        netMinor: 0,
        taxMinor: 0,
        netEurMinor: null,
        taxEurMinor: null,
        ecb: null,
      };
      r.netMinor += g.netMinor;
      r.taxMinor += g.taxMinor;
      rows.set(key, r);
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.country.localeCompare(b.country) ||
      b.rateBp - a.rateBp ||
      Number(b.currency === 'EUR') - Number(a.currency === 'EUR') ||
      a.currency.localeCompare(b.currency),
  );
  const missing = new Map<string, OssMissing>();
  for (const r of sorted) {
    if (r.currency === 'EUR') {
      [r.netEurMinor, r.taxEurMinor] = [r.netMinor, r.taxMinor];
      continue;
    }
    const rate = rates.get(r.currency) ?? { ok: false, currency: r.currency, date: '', reason: 'not-imported' };
    if (!rate.ok) {
      missing.set(r.currency, { ...rate, invoices: counts.get(r.currency) ?? 0 });
      continue;
    }
    r.ecb = { date: rate.date, rate: rate.rate };
    r.netEurMinor = toEurMinor(r.netMinor, r.currency, rate.rate);
    r.taxEurMinor = toEurMinor(r.taxMinor, r.currency, rate.rate);
  }
  return { rows: sorted, totals: ossTotals(sorted), missing: [...missing.values()], complete: missing.size === 0 };
}

function ossTotals(rows: readonly OssRow[]): OssTotal[] {
  const totals = new Map<string, OssTotal>();
  for (const r of rows) {
    const key = `${r.country}|${r.rateBp}`;
    const t = totals.get(key) ?? {
      country: r.country,
      rateBp: r.rateBp,
      netEurMinor: 0,
      taxEurMinor: 0,
      complete: true,
    };
    t.netEurMinor += r.netEurMinor ?? 0;
    t.taxEurMinor += r.taxEurMinor ?? 0;
    t.complete &&= r.netEurMinor !== null;
    totals.set(key, t);
  }
  return [...totals.values()];
}

/**
 * One line per member state, rate and invoice currency: the EUR columns are
 * what the return needs (sum them per member state and rate); lines of
 * another currency show their amounts and the ECB rate used, and stay empty
 * in EUR while the rate is missing (note `rate_missing` / `no_ecb_rate`).
 */
export function ossCsv(r: OssReport): string {
  const eur = (m: number | null) => (m === null ? '' : toDecimalString(m, 'EUR'));
  const note = (x: OssRow) => {
    if (x.currency === 'EUR' || x.ecb) return '';
    const m = r.missing.find((y) => y.currency === x.currency);
    return m?.reason === 'no-ecb-rate' ? 'no_ecb_rate' : 'rate_missing';
  };
  return (
    csvLine([
      'country',
      'rate_percent',
      'net_eur',
      'vat_eur',
      'currency',
      'net',
      'vat',
      'ecb_rate',
      'ecb_rate_date',
      'note',
    ]) +
    r.rows
      .map((x) =>
        csvLine([
          x.country,
          formatRate(x.rateBp),
          eur(x.netEurMinor),
          eur(x.taxEurMinor),
          x.currency,
          toDecimalString(x.netMinor, x.currency),
          toDecimalString(x.taxMinor, x.currency),
          x.ecb?.rate ?? '',
          x.ecb?.date ?? '',
          note(x),
        ]),
      )
      .join('')
  );
}

export function invoicesCsv(invoices: readonly Invoice[]): string {
  const head = [
    'number',
    'kind',
    'issued_at',
    'supply_date',
    'order_id',
    'buyer',
    'buyer_country',
    'buyer_vat_id',
    'scheme',
    'tax_country',
    'currency',
    'net',
    'vat',
    'gross',
  ];
  return (
    csvLine(head) +
    invoices
      .map((i) =>
        csvLine([
          i.number,
          i.kind,
          i.issued_at,
          i.supply_date,
          i.order_id,
          (JSON.parse(i.buyer) as Party).name,
          i.buyer_country,
          i.buyer_vat_id,
          i.scheme,
          i.tax_country,
          i.currency,
          toDecimalString(i.net_minor, i.currency),
          toDecimalString(i.tax_minor, i.currency),
          toDecimalString(i.gross_minor, i.currency),
        ]),
      )
      .join('')
  );
}

/** Revenue accounts by scheme and rate; defaults from SKR03 — have your tax adviser confirm them. */
export type DatevAccounts = {
  debitor: string;
  byRate: Record<string, string>;
  smallBusiness: string;
  reverseCharge: string;
  nonEu: string;
  oss: string;
};
export const SKR03_ACCOUNTS: DatevAccounts = {
  debitor: '1360',
  byRate: { '1900': '8400', '700': '8300', '1600': '8400', '500': '8300' },
  smallBusiness: '8195',
  reverseCharge: '8336',
  nonEu: '8338',
  oss: '8331',
};

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
const dec = (minor: number, currency: string) => toDecimalString(Math.abs(minor), currency).replace('.', ',');

/**
 * Fields 40 and 41 of the Buchungsstapel: for One-Stop-Shop sales the member
 * state of consumption and its rate ("AT", "20,00"; Greece is "EL"), for a
 * reverse charge the buyer's VAT ID; empty otherwise.
 */
function ossColumns(inv: Invoice, g: TaxGroup): [string, string] {
  if (g.scheme === 'oss' && g.taxCountry) {
    const country = g.taxCountry === 'GR' ? 'EL' : g.taxCountry;
    return [q(country), (g.rateBp / 100).toFixed(2).replace('.', ',')];
  }
  if (g.scheme === 'reverse_charge' && inv.buyer_vat_id) return [q(inv.buyer_vat_id), ''];
  return ['', ''];
}

/** The booking text's first word: an invoice, its cancellation, or its correction (§ 17 UStG). */
function bookingWord(inv: Invoice & { original_gross_minor?: number | null }): string {
  if (inv.kind !== 'credit_note') return 'Rechnung';
  return creditNoteKind(inv, inv.original_gross_minor) === 'cancellation' ? 'Storno' : 'Korrektur';
}

/**
 * DATEV-Format "Buchungsstapel" (format category 21, version 13): line 1 the
 * EXTF header, line 2 the column names (fields 1–41 of the format), then one
 * booking per invoice and VAT group (one for most invoices), with the OSS
 * fields 40/41 filled for One-Stop-Shop sales and reverse charges.
 */
export function datevCsv(
  /** With the gross of the invoice a credit note credits: "Storno" for a whole one, "Korrektur" for a part. */
  invoices: readonly (Invoice & { original_gross_minor?: number | null })[],
  o: { from: string; to: string; consultant: string; client: string; accounts?: DatevAccounts; createdAt?: Date },
): string {
  const a = o.accounts ?? SKR03_ACCOUNTS;
  const created = (o.createdAt ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 17);
  const ymd = (d: string) => d.replaceAll('-', '').slice(0, 8);
  const header = [
    '"EXTF"',
    '700',
    '21',
    '"Buchungsstapel"',
    '13',
    created,
    '',
    '"RE"',
    '""',
    '""',
    o.consultant || '1001',
    o.client || '1',
    `${o.from.slice(0, 4)}0101`,
    '4',
    ymd(o.from),
    ymd(o.to),
    q('Vielfach Rechnungen'),
    '""',
    '1',
    '0',
    '0',
    '"EUR"',
  ];
  const cols = [
    'Umsatz (ohne Soll/Haben-Kz)',
    'Soll/Haben-Kennzeichen',
    'WKZ Umsatz',
    'Kurs',
    'Basis-Umsatz',
    'WKZ Basis-Umsatz',
    'Konto',
    'Gegenkonto (ohne BU-Schlüssel)',
    'BU-Schlüssel',
    'Belegdatum',
    'Belegfeld 1',
    'Belegfeld 2',
    'Skonto',
    'Buchungstext',
    'Postensperre',
    'Diverse Adressnummer',
    'Geschäftspartnerbank',
    'Sachverhalt',
    'Zinssperre',
    'Beleglink',
    ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((i) => [`Beleginfo - Art ${i}`, `Beleginfo - Inhalt ${i}`]),
    'KOST1 - Kostenstelle',
    'KOST2 - Kostenstelle',
    'Kost-Menge',
    'EU-Land u. UStID (Bestimmung)',
    'EU-Steuersatz (Bestimmung)',
  ];
  const out = [header.join(';'), cols.join(';')];
  for (const inv of invoices) {
    for (const g of JSON.parse(inv.breakdown) as TaxGroup[]) {
      const account =
        g.scheme === 'small_business'
          ? a.smallBusiness
          : g.scheme === 'reverse_charge'
            ? a.reverseCharge
            : g.scheme === 'non_eu'
              ? a.nonEu
              : g.scheme === 'oss'
                ? a.oss
                : (a.byRate[String(g.rateBp)] ?? a.byRate['1900'] ?? '8400');
      const date = sellerDay(inv.issued_at, inv.seller);
      out.push(
        [
          dec(g.grossMinor, inv.currency),
          g.grossMinor >= 0 ? '"S"' : '"H"',
          q(inv.currency),
          '',
          '',
          '',
          a.debitor,
          account,
          '',
          `${date.slice(8, 10)}${date.slice(5, 7)}`,
          q(inv.number.slice(0, 36)),
          '""',
          '',
          q(`${bookingWord(inv)} ${inv.number}`.slice(0, 60)),
          ...Array<string>(25).fill(''),
          ...ossColumns(inv, g),
        ].join(';'),
      );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}
