import type { Invoice } from '../../db/schema.js';
import { toDecimalString } from '../../domain/money.js';
import { csvLine } from '../orders/csv.js';
import { formatRate } from '../tax/rates.js';
import type { Party, TaxGroup } from './model.js';

/** Pure exports for the tax adviser, from issued invoices (credit notes carry negative amounts). */

export type OssRow = { country: string; rateBp: number; netMinor: number; taxMinor: number };
export type OssReport = { rows: OssRow[]; skipped: { number: string; currency: string }[] };

/**
 * OSS union scheme return (Art. 369g VAT Directive, § 18j UStG): per member
 * state of consumption and rate, net and VAT in EUR. Only EUR invoices: other
 * currencies would need the ECB rate of the period's last day (Art. 369h), not built yet.
 */
export function ossReport(invoices: readonly Invoice[]): OssReport {
  const rows = new Map<string, OssRow>();
  const skipped: OssReport['skipped'] = [];
  for (const inv of invoices) {
    const groups = (JSON.parse(inv.breakdown) as TaxGroup[]).filter((g) => g.scheme === 'oss' && g.taxCountry);
    if (groups.length === 0) continue;
    if (inv.currency !== 'EUR') {
      skipped.push({ number: inv.number, currency: inv.currency });
      continue;
    }
    for (const g of groups) {
      const key = `${g.taxCountry}|${g.rateBp}`;
      const r = rows.get(key) ?? { country: g.taxCountry ?? '', rateBp: g.rateBp, netMinor: 0, taxMinor: 0 };
      r.netMinor += g.netMinor;
      r.taxMinor += g.taxMinor;
      rows.set(key, r);
    }
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.country.localeCompare(b.country) || b.rateBp - a.rateBp),
    skipped,
  };
}

export function ossCsv(r: OssReport): string {
  return (
    csvLine(['country', 'rate_percent', 'net_eur', 'vat_eur']) +
    r.rows
      .map((x) =>
        csvLine([
          x.country,
          formatRate(x.rateBp),
          toDecimalString(x.netMinor, 'EUR'),
          toDecimalString(x.taxMinor, 'EUR'),
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

/**
 * DATEV-Format "Buchungsstapel" (format category 21, version 13): line 1 the
 * EXTF header, line 2 the column names (fields 1–41 of the format), then one
 * booking per invoice and VAT group (one for most invoices), with the OSS
 * fields 40/41 filled for One-Stop-Shop sales and reverse charges.
 */
export function datevCsv(
  invoices: readonly Invoice[],
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
      const date = inv.issued_at.slice(0, 10);
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
          q(`${inv.kind === 'credit_note' ? 'Storno' : 'Rechnung'} ${inv.number}`.slice(0, 60)),
          ...Array<string>(25).fill(''),
          ...ossColumns(inv, g),
        ].join(';'),
      );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}
