/** § 147 AO: invoices 8 years; Art. 63c VAT Implementing Regulation: One-Stop-Shop records 10 years. */
export const INVOICE_RETENTION_YEARS = 8;
export const OSS_RETENTION_YEARS = 10;

/**
 * The periods run from the end of the calendar year of the record. Without a
 * per-order OSS flag every order is kept for the longer OSS period: keeping a
 * record two years too long is a smaller risk than deleting one too early.
 */
export function retentionEnd(createdAt: string, years: number = OSS_RETENTION_YEARS): string {
  const year = new Date(createdAt).getUTCFullYear();
  return new Date(Date.UTC(year + years + 1, 0, 1)).toISOString();
}
