import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Invoice, Order } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { isLocale } from '../../web/i18n.js';
import { localDate } from '../tax/countries.js';
import { decideSupply, destinationVatApplies } from '../tax/place-of-supply.js';
import { productTaxOf } from '../tax/product-tax.js';
import { smallBusinessAppliesToSale } from '../tax/small-business.js';
import type { TaxSettings } from '../tax/tax-settings.js';
import { netOfGross } from '../tax/vat-amounts.js';
import { buildInvoiceDraft, formatInvoiceNumber, type LineInput, type Party } from './model.js';
import { nextInvoiceSequence } from './numbering.js';
import { crossBorderB2cEur, findInvoiceByKey, netTurnoverEur } from './queries.js';

class AlreadyIssued extends Error {}

export type BuyerEvidence = { country: string; vatId: string | null };

export function sellerParty(s: TaxSettings): Party {
  return {
    name: s.businessName,
    street: s.street,
    postcode: s.postcode,
    city: s.city,
    country: s.country,
    email: '',
    vatId: s.vatId || null,
    taxNumber: s.taxNumber || null,
  };
}

/**
 * Issues the invoice of a paid order, once (unique key `invoice:<order>`).
 * Until checkout collects location evidence the buyer is assumed to be a
 * consumer in the seller's country (documented limitation).
 */
export async function issueInvoiceRecord(
  db: Kysely<DB>,
  o: { order: Order; settings: TaxSettings; buyer?: BuyerEvidence; now?: Date },
): Promise<Invoice> {
  const { order, settings } = o;
  const key = `invoice:${order.id}`;
  const existing = await findInvoiceByKey(db, key);
  if (existing) return existing;
  if (!order.paid_at) throw new RangeError(`order ${order.id} is not paid`);
  const buyer = o.buyer ?? { country: settings.country, vatId: null };
  const issuedAt = isoNow(o.now);
  const supplyDate = localDate(order.paid_at, settings.country);
  const items = await db.selectFrom('order_items').selectAll().where('order_id', '=', order.id).orderBy('id').execute();
  const taxes = await productTaxOf(db, [...new Set(items.map((i) => i.product_id))]);
  try {
    return await db.transaction().execute(async (trx) => {
      const year = Number(localDate(issuedAt, settings.country).slice(0, 4));
      const sequence = await nextInvoiceSequence(trx, year); // locks: everything below is serialised
      if (await findInvoiceByKey(trx, key)) throw new AlreadyIssued();
      const draft = await draftFor(trx, { order, settings, buyer, supplyDate, items, taxes });
      const row = {
        id: randomUUID(),
        number: formatInvoiceNumber(settings.invoicePrefix, year, sequence),
        unique_key: key,
        kind: 'invoice' as const,
        order_id: order.id,
        original_invoice_id: null,
        year,
        sequence,
        issued_at: issuedAt,
        supply_date: supplyDate,
        locale: isLocale(order.locale) ? order.locale : 'en',
        currency: order.currency,
        mode: draft.mode,
        scheme: draft.scheme,
        tax_country: draft.taxCountry,
        buyer_country: buyer.country,
        buyer_vat_id: buyer.vatId,
        seller: JSON.stringify(sellerParty(settings)),
        buyer: JSON.stringify(buyerParty(order, buyer)),
        lines: JSON.stringify(draft.lines),
        breakdown: JSON.stringify(draft.breakdown),
        net_minor: draft.netMinor,
        tax_minor: draft.taxMinor,
        gross_minor: draft.grossMinor,
      };
      await trx.insertInto('invoices').values(row).execute();
      return row;
    });
  } catch (e) {
    if (e instanceof AlreadyIssued) return (await findInvoiceByKey(db, key)) as Invoice;
    throw e;
  }
}

function buyerParty(order: Order, buyer: BuyerEvidence): Party {
  return {
    name: order.name || order.email,
    street: '',
    postcode: '',
    city: '',
    country: buyer.country,
    email: order.email,
    vatId: buyer.vatId,
    taxNumber: null,
  };
}

type DraftInput = {
  order: Order;
  settings: TaxSettings;
  buyer: BuyerEvidence;
  supplyDate: string;
  items: { title: string; quantity: number; total_minor: number; product_id: string }[];
  taxes: Awaited<ReturnType<typeof productTaxOf>>;
};

/** Reads the year's counters (inside the locked transaction) and decides each line. */
async function draftFor(trx: Transaction<DB>, d: DraftInput) {
  const year = Number(d.supplyDate.slice(0, 4));
  const seller = d.settings.country;
  const eur = d.order.currency === 'EUR';
  let mode = d.settings.mode;
  if (mode === 'small_business' && eur) {
    const [lastYearMinor, thisYearBeforeMinor] = [await netTurnoverEur(trx, year - 1), await netTurnoverEur(trx, year)];
    if (!smallBusinessAppliesToSale({ lastYearMinor, thisYearBeforeMinor, saleMinor: d.order.total_minor }))
      mode = 'regular';
  }
  const destinationVat = destinationVatApplies({
    optIn: d.settings.ossOptIn,
    lastYearMinor: eur ? await crossBorderB2cEur(trx, year - 1, seller) : 0,
    thisYearBeforeMinor: eur ? await crossBorderB2cEur(trx, year, seller) : 0,
    saleMinor: eur && d.buyer.country !== seller ? netOfGross(d.order.total_minor, 0) : 0,
  });
  const lines: LineInput[] = d.items.map((i) => {
    const tax = d.taxes.get(i.product_id) ?? { category: 'electronic_service' as const, placeCountry: null };
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
    return { title: i.title, quantity: i.quantity, category: tax.category, ...decision, grossMinor: i.total_minor };
  });
  return buildInvoiceDraft(lines, mode);
}
