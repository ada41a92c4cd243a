/**
 * § 19 Abs. 1 UStG as amended by the Jahressteuergesetz 2024 (in force from
 * 1 Jan 2025): a small business charges no VAT when its turnover was at most
 * 25,000 EUR in the preceding calendar year and does not exceed 100,000 EUR in
 * the current one. Exceeding 100,000 EUR ends the exemption with the very sale
 * that crosses the limit (BMF-Schreiben of 18 Mar 2025, Rz. 19.3.1 UStAE).
 * Amounts are EUR cents (turnover without VAT; a small business charges none).
 */
export const PRIOR_YEAR_LIMIT_MINOR = 25_000_00;
export const CURRENT_YEAR_LIMIT_MINOR = 100_000_00;
/** Warn from this share (in percent) of a limit on. */
export const WARN_PERCENT = 80;

export type SmallBusinessWarning =
  | 'prior_year_exceeded'
  | 'current_year_exceeded'
  | 'approaching_current_limit'
  | 'approaching_next_year_limit'
  | 'next_year_limit_exceeded';

export type SmallBusinessStatus = { eligible: boolean; warnings: SmallBusinessWarning[] };

export function smallBusinessStatus(o: { lastYearMinor: number; thisYearMinor: number }): SmallBusinessStatus {
  const warnings: SmallBusinessWarning[] = [];
  const priorOver = o.lastYearMinor > PRIOR_YEAR_LIMIT_MINOR;
  const currentOver = o.thisYearMinor > CURRENT_YEAR_LIMIT_MINOR;
  if (priorOver) warnings.push('prior_year_exceeded');
  if (currentOver) warnings.push('current_year_exceeded');
  else if (o.thisYearMinor * 100 >= CURRENT_YEAR_LIMIT_MINOR * WARN_PERCENT) warnings.push('approaching_current_limit');
  // This year's turnover is next year's "preceding year".
  if (o.thisYearMinor > PRIOR_YEAR_LIMIT_MINOR) warnings.push('next_year_limit_exceeded');
  else if (o.thisYearMinor * 100 >= PRIOR_YEAR_LIMIT_MINOR * WARN_PERCENT) warnings.push('approaching_next_year_limit');
  return { eligible: !priorOver && !currentOver, warnings };
}

/** Whether this sale is still exempt: false from the sale that crosses 100,000 EUR on. */
export function smallBusinessAppliesToSale(o: {
  lastYearMinor: number;
  thisYearBeforeMinor: number;
  saleMinor: number;
}): boolean {
  if (o.lastYearMinor > PRIOR_YEAR_LIMIT_MINOR) return false;
  return o.thisYearBeforeMinor + o.saleMinor <= CURRENT_YEAR_LIMIT_MINOR;
}
