import type { Db, Invoice } from '../../db/schema.js';
import { type PeriodEndRate, periodEndRate } from '../exchange-rates/rates.js';
import { type OssReport, ossCurrencies, ossReport } from './exports.js';

/** The OSS report of a period's invoices, other currencies converted at the ECB rate for its last day. */
export async function loadOssReport(
  db: Db,
  invoices: readonly Invoice[],
  lastDay: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<OssReport> {
  const rates = new Map<string, PeriodEndRate>();
  for (const currency of ossCurrencies(invoices))
    rates.set(currency, await periodEndRate(db, currency, lastDay, today));
  return ossReport(invoices, rates);
}
