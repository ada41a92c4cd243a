import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';
import type { Invoice } from '../../db/schema.js';
import { exponentOf, toDecimalString } from '../../domain/money.js';
import { TaxError, type TaxScheme } from '../tax/categories.js';
import { formatRate } from '../tax/rates.js';
import { docDate, docTexts, schemeNoteKey } from './document-texts.js';
import { type InvoiceLine, type Party, sellerDay, type TaxGroup } from './model.js';

/**
 * UN/CEFACT Cross Industry Invoice D16B in two profiles from one builder: the
 * EN 16931 core (the XML of Factur-X/ZUGFeRD "EN 16931", embedded in the PDF)
 * and XRechnung 3.0 CII (the German CIUS: the same content plus the Peppol
 * business process and its own specification identifier). Element order follows
 * the CII XSD; business terms (BT-…) from EN 16931-1:2017. Checked in tests with
 * the official schematron rules (test/einvoice-rules).
 */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';
export const XRECHNUNG_GUIDELINE = `${EN16931_GUIDELINE}#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0`;
/** BT-23; Peppol rule R001, which XRechnung adopts, requires it. */
export const PEPPOL_BILLING_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** What the invoice row does not hold but the XML tells: the order it bills and how that was paid. */
export type CiiOrder = { number: string; provider: string };

export type CiiContext = {
  /** The invoice a credit note cancels (BG-3). */
  original?: Pick<Invoice, 'number' | 'issued_at'> | undefined;
  /** Gives the buyer reference (BT-10) and the payment means (BG-16); XRechnung needs it. */
  order?: CiiOrder | undefined;
};

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};

/** UNCL 5305 category and the VATEX exemption code per scheme (EN 16931 BT-118, BT-121). */
function categoryOf(scheme: TaxScheme, rateBp: number): { code: string; vatex?: string; reason?: string } {
  if (scheme === 'small_business') return { code: 'E', reason: 'Kleinunternehmer gemäß § 19 UStG' };
  if (scheme === 'reverse_charge') return { code: 'AE', vatex: 'VATEX-EU-AE', reason: 'Reverse charge' };
  if (scheme === 'non_eu') return { code: 'O', vatex: 'VATEX-EU-O', reason: 'Not subject to VAT' };
  return { code: rateBp === 0 ? 'Z' : 'S' };
}

/**
 * UNTDID 4461 payment means (BT-81) per provider. The money went through an
 * online payment service (Stripe; the test provider stands in for it): 68. The
 * card codes 48/54/55 would oblige XRechnung to carry the card number (BG-18,
 * BR-DE-24-a), which the store never sees; 30/58 would need the seller's IBAN
 * (BR-DE-23-a). A free order moved no money: ZZZ, "mutually defined".
 */
const PAYMENT_MEANS: Record<string, { code: string; text: 'payment_online' | 'payment_test' | 'payment_free' }> = {
  stripe: { code: '68', text: 'payment_online' },
  test: { code: '68', text: 'payment_test' },
  free: { code: 'ZZZ', text: 'payment_free' },
};

const ymd = (isoOrDate: string) => isoOrDate.slice(0, 10).replaceAll('-', '');

/** Whether the invoice has an EN 16931 e-invoice (this XML): every currency with at most 2 decimals. */
export const hasEInvoice = (inv: Pick<Invoice, 'currency'>) => exponentOf(inv.currency) <= 2;

/**
 * What XRechnung needs beyond EN 16931 and the invoice may lack: the seller's
 * contact with name, phone and email (BR-DE-2, -5, -6, -7; a snapshot taken when
 * the invoice was issued, so invoices issued before it was saved have none) and
 * the buyer's postcode and city (BR-DE-8, -9; optional at checkout).
 */
export function xrechnungGaps(inv: Pick<Invoice, 'currency' | 'seller' | 'buyer'>): string[] {
  const seller = JSON.parse(inv.seller) as Party;
  const buyer = JSON.parse(inv.buyer) as Party;
  const gaps: string[] = [];
  if (!hasEInvoice(inv)) gaps.push('currency');
  if (!seller.contact?.name || !seller.contact.email) gaps.push('seller_contact');
  if (!seller.contact?.phone) gaps.push('seller_phone');
  if (!buyer.postcode || !buyer.city) gaps.push('buyer_address');
  if (!buyer.email) gaps.push('buyer_email');
  return gaps;
}

export const hasXRechnung = (inv: Pick<Invoice, 'currency' | 'seller' | 'buyer'>) => xrechnungGaps(inv).length === 0;

/** The EN 16931 XML (Factur-X / ZUGFeRD profile EN 16931). */
export function buildCiiXml(inv: Invoice, original?: CiiContext['original'], order?: CiiOrder): string {
  if (!hasEInvoice(inv)) {
    throw new TaxError(
      'currency_decimals',
      `EN 16931 allows at most 2 decimals; ${inv.currency} invoices get a PDF only`,
    );
  }
  return buildCii(inv, { original, order }, false);
}

/** The XRechnung 3.0 CII XML: the same document with the German CIUS identifiers. */
export function buildXRechnungXml(inv: Invoice, context: CiiContext): string {
  const gaps = xrechnungGaps(inv);
  if (!context.order) gaps.push('order');
  if (gaps.length > 0) throw new TaxError('xrechnung_incomplete', `no XRechnung for ${inv.number}: ${gaps.join(', ')}`);
  return buildCii(inv, context, true);
}

/** xmlbuilder2 (about 13 MB of memory) is loaded with the first e-invoice, not at start. */
let xmlbuilder: typeof XmlBuilder | undefined;
function xmlBuilder(): typeof XmlBuilder {
  xmlbuilder ??= createRequire(import.meta.url)('xmlbuilder2') as typeof XmlBuilder;
  return xmlbuilder;
}

function buildCii(inv: Invoice, context: CiiContext, xrechnung: boolean): string {
  const sign = inv.kind === 'credit_note' ? -1 : 1;
  const amt = (minor: number) => toDecimalString(sign * minor, inv.currency);
  const seller = JSON.parse(inv.seller) as Party;
  const buyer = JSON.parse(inv.buyer) as Party;
  const lines = JSON.parse(inv.lines) as InvoiceLine[];
  const groups = mergeByCategory(JSON.parse(inv.breakdown) as TaxGroup[]);
  const notOutOfScope = !groups.some((g) => g.cat.code === 'O');
  const t = docTexts(inv.locale);
  const { original, order } = context;

  const doc = xmlBuilder().create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.rsm, 'rsm:CrossIndustryInvoice');
  for (const [p, uri] of Object.entries(NS)) doc.att('http://www.w3.org/2000/xmlns/', `xmlns:${p}`, uri);
  const docContext = doc.ele('rsm:ExchangedDocumentContext');
  if (xrechnung) {
    docContext.ele('ram:BusinessProcessSpecifiedDocumentContextParameter').ele('ram:ID').txt(PEPPOL_BILLING_PROCESS);
  }
  docContext
    .ele('ram:GuidelineSpecifiedDocumentContextParameter')
    .ele('ram:ID')
    .txt(xrechnung ? XRECHNUNG_GUIDELINE : EN16931_GUIDELINE);
  const head = doc.ele('rsm:ExchangedDocument');
  head.ele('ram:ID').txt(inv.number);
  head.ele('ram:TypeCode').txt(inv.kind === 'credit_note' ? '381' : '380');
  head
    .ele('ram:IssueDateTime')
    .ele('udt:DateTimeString', { format: '102' })
    .txt(ymd(sellerDay(inv.issued_at, inv.seller)));
  const note = t(schemeNoteKey(inv.scheme as TaxScheme), { country: inv.tax_country ?? '' });
  if (note) head.ele('ram:IncludedNote').ele('ram:Content').txt(note);

  const tx = doc.ele('rsm:SupplyChainTradeTransaction');
  lines.forEach((l, i) => {
    const cat = categoryOf(l.scheme, l.rateBp);
    const li = tx.ele('ram:IncludedSupplyChainTradeLineItem');
    li.ele('ram:AssociatedDocumentLineDocument')
      .ele('ram:LineID')
      .txt(String(i + 1));
    li.ele('ram:SpecifiedTradeProduct').ele('ram:Name').txt(l.title);
    li.ele('ram:SpecifiedLineTradeAgreement')
      .ele('ram:NetPriceProductTradePrice')
      .ele('ram:ChargeAmount')
      .txt(unitPrice(sign * l.netMinor, l.quantity, inv.currency));
    li.ele('ram:SpecifiedLineTradeDelivery').ele('ram:BilledQuantity', { unitCode: 'C62' }).txt(String(l.quantity));
    const ls = li.ele('ram:SpecifiedLineTradeSettlement');
    const lt = ls.ele('ram:ApplicableTradeTax');
    lt.ele('ram:TypeCode').txt('VAT');
    lt.ele('ram:CategoryCode').txt(cat.code);
    if (cat.code !== 'O') lt.ele('ram:RateApplicablePercent').txt(formatRate(l.rateBp));
    ls.ele('ram:SpecifiedTradeSettlementLineMonetarySummation').ele('ram:LineTotalAmount').txt(amt(l.netMinor));
  });

  const agreement = tx.ele('ram:ApplicableHeaderTradeAgreement');
  // BT-10: the store has no buyer-assigned reference (no Leitweg-ID field at checkout); the
  // order number is what the buyer knows the purchase by, and BR-DE-15 asks only for presence.
  if (order) agreement.ele('ram:BuyerReference').txt(order.number);
  party(agreement.ele('ram:SellerTradeParty'), seller, { vat: notOutOfScope, withId: true });
  party(agreement.ele('ram:BuyerTradeParty'), buyer, { vat: notOutOfScope, withId: false });
  tx.ele('ram:ApplicableHeaderTradeDelivery')
    .ele('ram:ActualDeliverySupplyChainEvent')
    .ele('ram:OccurrenceDateTime')
    .ele('udt:DateTimeString', { format: '102' })
    .txt(ymd(inv.supply_date));

  const st = tx.ele('ram:ApplicableHeaderTradeSettlement');
  st.ele('ram:InvoiceCurrencyCode').txt(inv.currency);
  const means = order ? PAYMENT_MEANS[order.provider] : undefined;
  if (means) {
    const pm = st.ele('ram:SpecifiedTradeSettlementPaymentMeans');
    pm.ele('ram:TypeCode').txt(means.code);
    pm.ele('ram:Information').txt(t(means.text));
  }
  for (const g of groups) {
    const tt = st.ele('ram:ApplicableTradeTax');
    tt.ele('ram:CalculatedAmount').txt(amt(g.taxMinor));
    tt.ele('ram:TypeCode').txt('VAT');
    if (g.cat.reason) tt.ele('ram:ExemptionReason').txt(g.cat.reason);
    tt.ele('ram:BasisAmount').txt(amt(g.netMinor));
    tt.ele('ram:CategoryCode').txt(g.cat.code);
    if (g.cat.vatex) tt.ele('ram:ExemptionReasonCode').txt(g.cat.vatex);
    // XRechnung wants a rate in every breakdown (BR-DE-14), "not subject to VAT" too: 0 there.
    if (g.cat.code !== 'O' || xrechnung) tt.ele('ram:RateApplicablePercent').txt(formatRate(g.rateBp));
  }
  // Paid online before the invoice exists (a credit note: refunded when it is issued), so nothing is due.
  const settled =
    inv.kind === 'credit_note'
      ? t('refundedOn', { date: docDate(sellerDay(inv.issued_at, inv.seller), inv.locale) })
      : t('paidOn', { date: docDate(inv.supply_date, inv.locale) });
  st.ele('ram:SpecifiedTradePaymentTerms').ele('ram:Description').txt(settled);
  const sum = st.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  sum.ele('ram:LineTotalAmount').txt(amt(inv.net_minor));
  sum.ele('ram:TaxBasisTotalAmount').txt(amt(inv.net_minor));
  sum.ele('ram:TaxTotalAmount', { currencyID: inv.currency }).txt(amt(inv.tax_minor));
  sum.ele('ram:GrandTotalAmount').txt(amt(inv.gross_minor));
  sum.ele('ram:TotalPrepaidAmount').txt(amt(inv.gross_minor));
  sum.ele('ram:DuePayableAmount').txt(amt(0));
  if (original) {
    const ref = st.ele('ram:InvoiceReferencedDocument');
    ref.ele('ram:IssuerAssignedID').txt(original.number);
    ref
      .ele('ram:FormattedIssueDateTime')
      .ele('qdt:DateTimeString', { format: '102' })
      .txt(ymd(sellerDay(original.issued_at, inv.seller)));
  }
  return doc.end({ prettyPrint: true });
}

type Node = ReturnType<typeof XmlBuilder.create>;

function party(p: Node, x: Party, o: { vat: boolean; withId: boolean }) {
  // BT-29 seller identifier: identifies the seller where its VAT ID may not be given (category O, BR-CO-26).
  if (o.withId && (!o.vat || !x.vatId) && (x.taxNumber || x.vatId)) p.ele('ram:ID').txt(x.taxNumber ?? x.vatId ?? '');
  p.ele('ram:Name').txt(x.name);
  if (x.contact) contact(p.ele('ram:DefinedTradeContact'), x.contact);
  const a = p.ele('ram:PostalTradeAddress');
  if (x.postcode) a.ele('ram:PostcodeCode').txt(x.postcode);
  if (x.street) a.ele('ram:LineOne').txt(x.street);
  if (x.city) a.ele('ram:CityName').txt(x.city);
  a.ele('ram:CountryID').txt(x.country);
  // BT-34 / BT-49 electronic address: the email address (scheme EM), as Peppol R020 / R010 want one.
  if (x.email) p.ele('ram:URIUniversalCommunication').ele('ram:URIID', { schemeID: 'EM' }).txt(x.email);
  if (x.vatId && o.vat) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(x.vatId);
  if (x.taxNumber && o.withId) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'FC' }).txt(x.taxNumber);
}

/** BG-6 seller contact (BT-41 to BT-43). */
function contact(c: Node, x: NonNullable<Party['contact']>) {
  c.ele('ram:PersonName').txt(x.name);
  if (x.phone) c.ele('ram:TelephoneUniversalCommunication').ele('ram:CompleteNumber').txt(x.phone);
  c.ele('ram:EmailURIUniversalCommunication').ele('ram:URIID').txt(x.email);
}

/** EN 16931 wants one breakdown per category and rate (BR-S-08 …): OSS groups of one rate merge. */
function mergeByCategory(groups: TaxGroup[]) {
  const out = new Map<
    string,
    { cat: ReturnType<typeof categoryOf>; rateBp: number; netMinor: number; taxMinor: number }
  >();
  for (const g of groups) {
    const cat = categoryOf(g.scheme, g.rateBp);
    const k = `${cat.code}|${g.rateBp}`;
    const e = out.get(k) ?? { cat, rateBp: g.rateBp, netMinor: 0, taxMinor: 0 };
    e.netMinor += g.netMinor;
    e.taxMinor += g.taxMinor;
    out.set(k, e);
  }
  return [...out.values()];
}

/** Net unit price with up to four extra decimals (prices may carry more decimals than amounts; display only). */
function unitPrice(lineNetMinor: number, quantity: number, currency: string): string {
  const exp = exponentOf(currency);
  const text = (lineNetMinor / Math.max(1, quantity) / 10 ** exp).toFixed(exp + 4);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
