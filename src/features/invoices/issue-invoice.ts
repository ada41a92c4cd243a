import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Invoice, Order } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { withinTransaction } from '../../db/within-transaction.js';
import type { OrderCore } from '../../order-core/order-core.js';
import { isLocale } from '../../web/i18n.js';
import { DEFAULT_TAX_CATEGORY, isTaxScheme, type TaxMode } from '../tax/categories.js';
import { isEuCountry, localDate } from '../tax/countries.js';
import { productTaxOf } from '../tax/product-tax.js';
import type { TaxSettings } from '../tax/tax-settings.js';
import { type BuyerEvidence, type DecidedLine, decideLines } from './decide-lines.js';
import { buildInvoiceDraft, formatInvoiceNumber, type LineInput, type Party } from './model.js';
import { nextInvoiceSequence } from './numbering.js';
import { findInvoiceByKey } from './queries.js';

class AlreadyIssued extends Error {}

export type { BuyerEvidence };

export function sellerParty(s: TaxSettings): Party {
  const contact =
    s.contactName && s.contactEmail
      ? { contact: { name: s.contactName, phone: s.contactPhone ?? '', email: s.contactEmail } }
      : {};
  return {
    name: s.businessName,
    street: s.street,
    postcode: s.postcode,
    city: s.city,
    country: s.country,
    email: s.contactEmail ?? '',
    vatId: s.vatId || null,
    taxNumber: s.taxNumber || null,
    ...contact,
  };
}

/**
 * Issues the invoice of a paid order, once (unique key `invoice:<order>`),
 * with the buyer's country, VAT ID and address as checkout stored them.
 */
export async function issueInvoiceRecord(
  db: Kysely<DB>,
  o: { orders: OrderCore; order: Order; settings: TaxSettings; buyer?: BuyerEvidence; now?: Date },
): Promise<Invoice> {
  const { order, settings } = o;
  const key = `invoice:${order.id}`;
  const existing = await findInvoiceByKey(db, key);
  if (existing) return existing;
  if (!order.paid_at) throw new RangeError(`order ${order.id} is not paid`);
  const buyer = o.buyer ?? buyerOfOrder(order, settings);
  const issuedAt = isoNow(o.now);
  const supplyDate = localDate(order.paid_at, settings.country);
  const items = await db.selectFrom('order_items').selectAll().where('order_id', '=', order.id).orderBy('id').execute();
  try {
    return await withinTransaction(db, async (trx) => {
      const year = Number(localDate(issuedAt, settings.country).slice(0, 4));
      const sequence = await nextInvoiceSequence(trx, year); // locks: everything below is serialised
      if (await findInvoiceByKey(trx, key)) throw new AlreadyIssued();
      const draft = await draftFor(trx, { orders: o.orders, order, settings, buyer, supplyDate, items });
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

/** The invoice address: the billing address given at checkout, else the order's name and e-mail. */
export function buyerParty(order: Order, buyer: BuyerEvidence): Party {
  const address = parseBillingAddress(order.billing_address);
  return {
    name: address?.name || order.name || order.email,
    street: address?.street ?? '',
    postcode: address?.postcode ?? '',
    city: address?.city ?? '',
    country: buyer.country,
    email: order.email,
    vatId: buyer.vatId,
    taxNumber: null,
  };
}

export type BillingAddress = { name: string; street: string; postcode: string; city: string };

export function parseBillingAddress(json: string | null): BillingAddress | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as Partial<BillingAddress>;
    return { name: v.name ?? '', street: v.street ?? '', postcode: v.postcode ?? '', city: v.city ?? '' };
  } catch {
    return undefined;
  }
}

/** What the order says about its buyer; orders from before checkout asked count as consumers in the seller's country. */
export function buyerOfOrder(order: Order, settings: TaxSettings): BuyerEvidence {
  return { country: order.billing_country ?? settings.country, vatId: order.buyer_vat_id };
}

type DraftInput = {
  orders: OrderCore;
  order: Order;
  settings: TaxSettings;
  buyer: BuyerEvidence;
  supplyDate: string;
  items: { id: string; title: string; quantity: number; total_minor: number; tax_minor: number; product_id: string }[];
};

/**
 * The order's stored tax decision (made at checkout, what the buyer saw), or
 * for orders without one a decision now (counters read inside the locked transaction).
 * A stored decision that depends on a turnover limit (§ 19 UStG, the EU-wide
 * 10,000 EUR of § 3a Abs. 5 UStG) is checked again here: checkout read the
 * counters without the lock, so two sales at once could both have stayed under
 * a limit. Under the lock exactly one sale is the one that crosses it, and that
 * sale and every later one are taxed. The price stays the gross the buyer paid.
 */
async function draftFor(trx: Transaction<DB>, d: DraftInput) {
  const { order } = d;
  const stored = storedDecision(order);
  if (stored && !dependsOnLimit(stored, d.buyer, d.settings.country)) return storedDraft(trx, d, stored);
  const decided = await decideLines(trx, {
    settings: d.settings,
    buyer: d.buyer,
    supplyDate: d.supplyDate,
    currency: order.currency,
    totalMinor: order.total_minor,
    items: d.items,
  });
  const lines: LineInput[] = d.items.map((i, n) => {
    const line = decided.lines[n] as DecidedLine;
    return { title: i.title, quantity: i.quantity, ...line, grossMinor: i.total_minor };
  });
  const fresh = buildInvoiceDraft(lines, decided.mode);
  if (!stored) return fresh;
  if (fresh.mode === stored.mode && fresh.scheme === stored.scheme) return storedDraft(trx, d, stored);
  const group = fresh.breakdown.find((g) => g.scheme === fresh.scheme && g.taxCountry === fresh.taxCountry);
  await d.orders.retax(trx, order, {
    mode: fresh.mode,
    scheme: fresh.scheme,
    taxCountry: fresh.taxCountry,
    rateBp: group?.rateBp ?? 0,
    taxMinor: fresh.taxMinor,
    items: d.items,
    itemTaxMinor: fresh.lines.map((l) => l.grossMinor - l.netMinor),
  });
  return fresh;
}

async function storedDraft(trx: Transaction<DB>, d: DraftInput, stored: StoredDecision) {
  const taxes = await productTaxOf(trx, [...new Set(d.items.map((i) => i.product_id))]);
  const lines: LineInput[] = d.items.map((i) => ({
    title: i.title,
    quantity: i.quantity,
    category: taxes.get(i.product_id)?.category ?? DEFAULT_TAX_CATEGORY,
    scheme: stored.scheme,
    taxCountry: stored.taxCountry,
    rateBp: stored.rateBp,
    grossMinor: i.total_minor,
  }));
  return buildInvoiceDraft(lines, stored.mode);
}

type StoredDecision = NonNullable<ReturnType<typeof storedDecision>>;

/** A decision a turnover limit could overturn: § 19 UStG, or the seller's VAT for a consumer elsewhere in the EU. */
export function dependsOnLimit(
  stored: Pick<StoredDecision, 'mode' | 'scheme'>,
  buyer: BuyerEvidence,
  sellerCountry: string,
): boolean {
  if (stored.mode === 'small_business') return true;
  return stored.scheme === 'domestic' && !buyer.vatId && buyer.country !== sellerCountry && isEuCountry(buyer.country);
}

function storedDecision(order: Order) {
  const scheme = order.tax_scheme;
  if (!scheme || !isTaxScheme(scheme) || order.tax_rate_bp === null) return undefined;
  const mode: TaxMode = order.tax_mode === 'small_business' ? 'small_business' : 'regular';
  return { scheme, mode, taxCountry: order.tax_country, rateBp: order.tax_rate_bp };
}
