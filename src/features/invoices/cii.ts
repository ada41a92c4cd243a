import { create } from 'xmlbuilder2';
import type { Invoice } from '../../db/schema.js';
import { exponentOf, toDecimalString } from '../../domain/money.js';
import { TaxError, type TaxScheme } from '../tax/categories.js';
import { formatRate } from '../tax/rates.js';
import { docTexts, schemeNoteKey } from './document-texts.js';
import type { InvoiceLine, Party, TaxGroup } from './model.js';

/**
 * UN/CEFACT Cross Industry Invoice D16B in the EN 16931 core profile (the XML
 * of Factur-X/ZUGFeRD "EN 16931" and of XRechnung CII). Element order follows
 * the CII XSD; business terms (BT-…) from EN 16931-1:2017. Checked in tests with
 * the official schematron rules (../shared/validators/einvoice).
 */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

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

const ymd = (isoOrDate: string) => isoOrDate.slice(0, 10).replaceAll('-', '');

/** Whether the invoice has an EN 16931 e-invoice (this XML): every currency with at most 2 decimals. */
export const hasEInvoice = (inv: Pick<Invoice, 'currency'>) => exponentOf(inv.currency) <= 2;

export function buildCiiXml(inv: Invoice, original?: Pick<Invoice, 'number' | 'issued_at'>): string {
  if (!hasEInvoice(inv)) {
    throw new TaxError(
      'currency_decimals',
      `EN 16931 allows at most 2 decimals; ${inv.currency} invoices get a PDF only`,
    );
  }
  const sign = inv.kind === 'credit_note' ? -1 : 1;
  const amt = (minor: number) => toDecimalString(sign * minor, inv.currency);
  const seller = JSON.parse(inv.seller) as Party;
  const buyer = JSON.parse(inv.buyer) as Party;
  const lines = JSON.parse(inv.lines) as InvoiceLine[];
  const groups = mergeByCategory(JSON.parse(inv.breakdown) as TaxGroup[]);
  const notOutOfScope = !groups.some((g) => g.cat.code === 'O');
  const t = docTexts(inv.locale);

  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.rsm, 'rsm:CrossIndustryInvoice');
  for (const [p, uri] of Object.entries(NS)) doc.att('http://www.w3.org/2000/xmlns/', `xmlns:${p}`, uri);
  doc
    .ele('rsm:ExchangedDocumentContext')
    .ele('ram:GuidelineSpecifiedDocumentContextParameter')
    .ele('ram:ID')
    .txt(EN16931_GUIDELINE);
  const head = doc.ele('rsm:ExchangedDocument');
  head.ele('ram:ID').txt(inv.number);
  head.ele('ram:TypeCode').txt(inv.kind === 'credit_note' ? '381' : '380');
  head.ele('ram:IssueDateTime').ele('udt:DateTimeString', { format: '102' }).txt(ymd(inv.issued_at));
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
  party(agreement.ele('ram:SellerTradeParty'), seller, { vat: notOutOfScope, withId: true });
  party(agreement.ele('ram:BuyerTradeParty'), buyer, { vat: notOutOfScope, withId: false });
  tx.ele('ram:ApplicableHeaderTradeDelivery')
    .ele('ram:ActualDeliverySupplyChainEvent')
    .ele('ram:OccurrenceDateTime')
    .ele('udt:DateTimeString', { format: '102' })
    .txt(ymd(inv.supply_date));

  const st = tx.ele('ram:ApplicableHeaderTradeSettlement');
  st.ele('ram:InvoiceCurrencyCode').txt(inv.currency);
  for (const g of groups) {
    const tt = st.ele('ram:ApplicableTradeTax');
    tt.ele('ram:CalculatedAmount').txt(amt(g.taxMinor));
    tt.ele('ram:TypeCode').txt('VAT');
    if (g.cat.reason) tt.ele('ram:ExemptionReason').txt(g.cat.reason);
    tt.ele('ram:BasisAmount').txt(amt(g.netMinor));
    tt.ele('ram:CategoryCode').txt(g.cat.code);
    if (g.cat.vatex) tt.ele('ram:ExemptionReasonCode').txt(g.cat.vatex);
    if (g.cat.code !== 'O') tt.ele('ram:RateApplicablePercent').txt(formatRate(g.rateBp));
  }
  st.ele('ram:SpecifiedTradePaymentTerms').ele('ram:Description').txt(t('paid'));
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
    ref.ele('ram:FormattedIssueDateTime').ele('qdt:DateTimeString', { format: '102' }).txt(ymd(original.issued_at));
  }
  return doc.end({ prettyPrint: true });
}

type Node = ReturnType<typeof create>;

function party(p: Node, x: Party, o: { vat: boolean; withId: boolean }) {
  // BT-29 seller identifier: identifies the seller where its VAT ID may not be given (category O, BR-CO-26).
  if (o.withId && (!o.vat || !x.vatId) && (x.taxNumber || x.vatId)) p.ele('ram:ID').txt(x.taxNumber ?? x.vatId ?? '');
  p.ele('ram:Name').txt(x.name);
  const a = p.ele('ram:PostalTradeAddress');
  if (x.postcode) a.ele('ram:PostcodeCode').txt(x.postcode);
  if (x.street) a.ele('ram:LineOne').txt(x.street);
  if (x.city) a.ele('ram:CityName').txt(x.city);
  a.ele('ram:CountryID').txt(x.country);
  if (x.email) p.ele('ram:URIUniversalCommunication').ele('ram:URIID', { schemeID: 'EM' }).txt(x.email);
  if (x.vatId && o.vat) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(x.vatId);
  if (x.taxNumber && o.withId) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'FC' }).txt(x.taxNumber);
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
