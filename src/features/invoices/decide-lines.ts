import type { Db } from '../../db/schema.js';
import { toEurMinor } from '../exchange-rates/convert.js';
import { dailyRates } from '../exchange-rates/rates.js';
import type { TaxCategory, TaxMode } from '../tax/categories.js';
import { decideSupply, destinationVatApplies, type SupplyDecision } from '../tax/place-of-supply.js';
import { productTaxOf } from '../tax/product-tax.js';
import { smallBusinessAppliesToSale } from '../tax/small-business.js';
import type { TaxSettings } from '../tax/tax-settings.js';
import { netOfGross } from '../tax/vat-amounts.js';
import { crossBorderB2cEur, netTurnoverEur } from './queries.js';

/** Where the buyer is and whether VIES confirmed a VAT ID (then a business). */
export type BuyerEvidence = { country: string; vatId: string | null };

export type DecideLinesInput = {
  settings: TaxSettings;
  buyer: BuyerEvidence;
  /** The seller's local date of supply, YYYY-MM-DD. */
  supplyDate: string;
  currency: string;
  totalMinor: number;
  items: readonly { product_id: string; total_minor: number }[];
};

export type DecidedLine = SupplyDecision & { category: TaxCategory };

/**
 * The mode in force for this sale (§ 19 UStG limits counted from issued
 * invoices) and each line's scheme, country and rate. Used by checkout, which
 * stores the decision with the order, and by invoices of orders without one.
 */
export async function decideLines(db: Db, d: DecideLinesInput): Promise<{ mode: TaxMode; lines: DecidedLine[] }> {
  const year = Number(d.supplyDate.slice(0, 4));
  const seller = d.settings.country;
  const inEur = await saleInEur(db, d.currency, d.supplyDate);
  let mode = d.settings.mode;
  if (mode === 'small_business') {
    const [lastYearMinor, thisYearBeforeMinor] = [await netTurnoverEur(db, year - 1), await netTurnoverEur(db, year)];
    const saleMinor = inEur(d.totalMinor);
    if (!smallBusinessAppliesToSale({ lastYearMinor, thisYearBeforeMinor, saleMinor })) mode = 'regular';
  }
  const taxes = await productTaxOf(db, [...new Set(d.items.map((i) => i.product_id))]);
  const decide = (destinationVat: boolean) =>
    d.items.map((i) => {
      const tax = taxes.get(i.product_id) ?? { category: 'electronic_service' as const, placeCountry: null };
      const decision = decideSupply({
        sellerCountry: seller,
        mode,
        buyerCountry: d.buyer.country,
        buyerVatId: d.buyer.vatId,
        category: tax.category,
        placeCountry: tax.placeCountry,
        date: d.supplyDate,
        destinationVat,
      });
      return { ...decision, category: tax.category };
    });
  // The EU-wide limit counts net amounts (§ 3a Abs. 5 S. 3 UStG: "Gesamtbetrag der Entgelte"):
  // this sale's net is what it would be taxed at while still under it, the seller's VAT.
  const underLimit = decide(false);
  const saleNetMinor =
    d.buyer.country !== seller
      ? inEur(d.items.reduce((sum, item, n) => sum + netOfGross(item.total_minor, underLimit[n]?.rateBp ?? 0), 0))
      : 0;
  const destinationVat = destinationVatApplies({
    optIn: d.settings.ossOptIn,
    lastYearMinor: await crossBorderB2cEur(db, year - 1, seller),
    thisYearBeforeMinor: await crossBorderB2cEur(db, year, seller),
    saleMinor: saleNetMinor,
  });
  const lines = destinationVat ? decide(true) : underLimit;
  return { mode, lines };
}

/**
 * A sale's amount in EUR cents for the turnover limits, at the latest ECB rate
 * published on or before the day of supply (the counters convert earlier
 * sales the same way). Without an imported rate the sale itself adds nothing
 * and only the sales counted before it decide — the admin's exchange-rate
 * section says which rates are missing.
 */
async function saleInEur(db: Db, currency: string, day: string): Promise<(minor: number) => number> {
  if (currency === 'EUR') return (minor) => minor;
  const rate = (await dailyRates(db, [currency], day, day))(currency, day);
  return (minor) => (rate ? toEurMinor(minor, currency, rate.rate) : 0);
}
