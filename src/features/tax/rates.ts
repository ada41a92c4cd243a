import type { EuCountry } from './countries.js';

/**
 * VAT rates of the 27 member states as dated data, in basis points (1900 = 19 %).
 *
 * Sources: European Commission, "VAT rates applied in the Member States of the
 * European Union" (taxation-customs.ec.europa.eu, situation at 1 January 2025)
 * and the "Taxes in Europe Database" (TEDB); national changes announced since:
 * DE temporary rates 1 Jul – 31 Dec 2020 (Zweites Corona-Steuerhilfegesetz,
 * § 28 Abs. 1 und 2 UStG), FI 25.5 % from 1 Sep 2024 (HE 58/2024), FI books 14 %
 * from 1 Jan 2025, SK 23 % from 1 Jan 2025 (Act 530/2023 as amended by 278/2024),
 * EE 24 % from 1 Jul 2025 (RT I, 2024), RO 21 % / 11 % from 1 Aug 2025 (Law 141/2025),
 * CZ 0 % for books from 1 Jan 2024 (Act 349/2023).
 * `ebook`: the rate for electronically supplied books and periodicals where the
 * state uses the option of Directive (EU) 2018/1713 (Art. 98(2) VAT Directive);
 * null: the standard rate applies. Entries are applied by date of supply (the
 * seller's local calendar date), newest entry not after that date.
 * Review these entries with a tax adviser before relying on them for a filing.
 */
export type RateEntry = { from: string; standard: number; reduced: number[]; ebook: number | null };

export const VAT_RATES: Record<EuCountry, RateEntry[]> = {
  AT: [{ from: '2020-01-01', standard: 2000, reduced: [1000, 1300], ebook: 1000 }],
  BE: [{ from: '2022-01-01', standard: 2100, reduced: [600, 1200], ebook: 600 }],
  BG: [{ from: '2021-01-01', standard: 2000, reduced: [900], ebook: 900 }],
  CY: [{ from: '2020-01-01', standard: 1900, reduced: [500, 900], ebook: 500 }],
  CZ: [
    { from: '2020-01-01', standard: 2100, reduced: [1000, 1500], ebook: 1000 },
    { from: '2024-01-01', standard: 2100, reduced: [1200], ebook: 0 },
  ],
  DE: [
    { from: '2007-01-01', standard: 1900, reduced: [700], ebook: 700 },
    { from: '2020-07-01', standard: 1600, reduced: [500], ebook: 500 },
    { from: '2021-01-01', standard: 1900, reduced: [700], ebook: 700 },
  ],
  DK: [{ from: '1992-01-01', standard: 2500, reduced: [], ebook: null }],
  EE: [
    { from: '2024-01-01', standard: 2200, reduced: [900], ebook: 900 },
    { from: '2025-07-01', standard: 2400, reduced: [900, 1300], ebook: 900 },
  ],
  ES: [{ from: '2020-04-23', standard: 2100, reduced: [400, 1000], ebook: 400 }],
  FI: [
    { from: '2013-01-01', standard: 2400, reduced: [1000, 1400], ebook: 1000 },
    { from: '2024-09-01', standard: 2550, reduced: [1000, 1400], ebook: 1000 },
    { from: '2025-01-01', standard: 2550, reduced: [1000, 1400], ebook: 1400 },
  ],
  FR: [{ from: '2014-01-01', standard: 2000, reduced: [550, 1000], ebook: 550 }],
  GR: [{ from: '2016-06-01', standard: 2400, reduced: [600, 1300], ebook: 600 }],
  HR: [{ from: '2017-01-01', standard: 2500, reduced: [500, 1300], ebook: 500 }],
  HU: [{ from: '2020-01-01', standard: 2700, reduced: [500, 1800], ebook: 500 }],
  IE: [{ from: '2021-03-01', standard: 2300, reduced: [900, 1350], ebook: 900 }],
  IT: [{ from: '2013-10-01', standard: 2200, reduced: [400, 500, 1000], ebook: 400 }],
  LT: [{ from: '2020-01-01', standard: 2100, reduced: [500, 900], ebook: 900 }],
  LU: [
    { from: '2015-01-01', standard: 1700, reduced: [300, 800, 1400], ebook: 300 },
    { from: '2023-01-01', standard: 1600, reduced: [300, 700, 1300], ebook: 300 },
    { from: '2024-01-01', standard: 1700, reduced: [300, 800, 1400], ebook: 300 },
  ],
  LV: [{ from: '2020-01-01', standard: 2100, reduced: [500, 1200], ebook: 500 }],
  MT: [{ from: '2020-01-01', standard: 1800, reduced: [500, 700], ebook: 500 }],
  NL: [{ from: '2019-01-01', standard: 2100, reduced: [900], ebook: 900 }],
  PL: [{ from: '2011-01-01', standard: 2300, reduced: [500, 800], ebook: 500 }],
  PT: [{ from: '2020-01-01', standard: 2300, reduced: [600, 1300], ebook: 600 }],
  RO: [
    { from: '2017-01-01', standard: 1900, reduced: [500, 900], ebook: 500 },
    { from: '2025-08-01', standard: 2100, reduced: [1100], ebook: 1100 },
  ],
  SE: [{ from: '2019-07-01', standard: 2500, reduced: [600, 1200], ebook: 600 }],
  SI: [{ from: '2020-01-01', standard: 2200, reduced: [500, 950], ebook: 500 }],
  SK: [
    { from: '2011-01-01', standard: 2000, reduced: [1000], ebook: 1000 },
    { from: '2025-01-01', standard: 2300, reduced: [500, 1900], ebook: 500 },
  ],
};

/** Which rate of a country a product takes. */
export type RateKind = 'standard' | 'ebook';

/** The rate in force on `date` (YYYY-MM-DD); throws for a date before our data begins. */
export function vatRateOn(country: EuCountry, kind: RateKind, date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  const entries = VAT_RATES[country];
  let found: RateEntry | undefined;
  for (const e of entries) if (e.from <= date) found = e;
  if (!found) throw new RangeError(`no VAT rate known for ${country} on ${date}`);
  return kind === 'ebook' ? (found.ebook ?? found.standard) : found.standard;
}

/** "19" / "5.5" / "25.5": a rate for display and e-invoices. */
export function formatRate(bp: number): string {
  return (bp / 100).toString();
}
