import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';
import { toDecimalString } from '../../domain/money.js';
import { EN16931_GUIDELINE } from '../invoices/cii.js';
import { docDate } from '../invoices/document-texts.js';
import type { Party } from '../invoices/model.js';
import { formatRate } from '../tax/rates.js';
import type { CreditNoteDocument, CreditNoteScheme } from './credit-note.js';
import { creditNoteTexts, noteKey } from './credit-note-texts.js';

/**
 * The credit note as an EN 16931 CII invoice of type 389 ("self-billed
 * invoice", UNTDID 1001). invoices/cii.ts builds the store's own invoices
 * (type 380/381, the store as seller, paid online); here the roles turn round
 * (seller = affiliate, buyer = store) and the money is still to be sent by
 * SEPA transfer (payment means 58 with the affiliate's IBAN), so the document
 * is built here with the same element order and conventions.
 */
const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};
export const SELF_BILLED_INVOICE = '389';

/** UNCL 5305 category, VATEX code and reason (BT-118, BT-121, BT-120). */
const CATEGORY: Record<CreditNoteScheme, { code: string; vatex?: string; reason?: string }> = {
  domestic: { code: 'S' },
  small_business: { code: 'E', reason: 'Kleinunternehmer gemäß § 19 UStG' },
  reverse_charge: { code: 'AE', vatex: 'VATEX-EU-AE', reason: 'Reverse charge' },
  non_eu: { code: 'O', vatex: 'VATEX-EU-O', reason: 'Not subject to VAT' },
  not_liable: { code: 'O', vatex: 'VATEX-EU-O', reason: 'Not subject to VAT' },
};

let xmlbuilder: typeof XmlBuilder | undefined;
const builder = () => {
  xmlbuilder ??= createRequire(import.meta.url)('xmlbuilder2') as typeof XmlBuilder;
  return xmlbuilder;
};
type Node = ReturnType<typeof XmlBuilder.create>;
const ymd = (iso: string) => iso.slice(0, 10).replaceAll('-', '');

export function buildCreditNoteCii(d: CreditNoteDocument): string {
  const t = creditNoteTexts(d.locale);
  const amt = (minor: number) => toDecimalString(minor, d.currency);
  const cat = CATEGORY[d.scheme];
  const outOfScope = cat.code === 'O';
  const doc = builder().create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.rsm, 'rsm:CrossIndustryInvoice');
  for (const [p, uri] of Object.entries(NS)) doc.att('http://www.w3.org/2000/xmlns/', `xmlns:${p}`, uri);
  doc
    .ele('rsm:ExchangedDocumentContext')
    .ele('ram:GuidelineSpecifiedDocumentContextParameter')
    .ele('ram:ID')
    .txt(EN16931_GUIDELINE);
  const head = doc.ele('rsm:ExchangedDocument');
  head.ele('ram:ID').txt(d.number);
  head.ele('ram:TypeCode').txt(SELF_BILLED_INVOICE);
  head.ele('ram:IssueDateTime').ele('udt:DateTimeString', { format: '102' }).txt(ymd(d.issuedAt));
  for (const note of [t('title'), t('selfBilled'), t(noteKey(d.scheme))].filter(Boolean)) {
    head.ele('ram:IncludedNote').ele('ram:Content').txt(note);
  }

  const tx = doc.ele('rsm:SupplyChainTradeTransaction');
  const li = tx.ele('ram:IncludedSupplyChainTradeLineItem');
  li.ele('ram:AssociatedDocumentLineDocument').ele('ram:LineID').txt('1');
  li.ele('ram:SpecifiedTradeProduct')
    .ele('ram:Name')
    .txt(t('line', { period: d.period }));
  li.ele('ram:SpecifiedLineTradeAgreement')
    .ele('ram:NetPriceProductTradePrice')
    .ele('ram:ChargeAmount')
    .txt(amt(d.netMinor));
  li.ele('ram:SpecifiedLineTradeDelivery').ele('ram:BilledQuantity', { unitCode: 'C62' }).txt('1');
  const ls = li.ele('ram:SpecifiedLineTradeSettlement');
  lineTax(ls.ele('ram:ApplicableTradeTax'), cat, d.rateBp);
  ls.ele('ram:SpecifiedTradeSettlementLineMonetarySummation').ele('ram:LineTotalAmount').txt(amt(d.netMinor));

  const agreement = tx.ele('ram:ApplicableHeaderTradeAgreement');
  party(agreement.ele('ram:SellerTradeParty'), d.seller, { vat: !outOfScope, seller: true, partnerId: d.partnerId });
  party(agreement.ele('ram:BuyerTradeParty'), d.buyer, { vat: !outOfScope, seller: false });
  // The commission is earned up to the payout: the issue day stands for the supply date (BT-72).
  tx.ele('ram:ApplicableHeaderTradeDelivery')
    .ele('ram:ActualDeliverySupplyChainEvent')
    .ele('ram:OccurrenceDateTime')
    .ele('udt:DateTimeString', { format: '102' })
    .txt(ymd(d.issuedAt));

  const st = tx.ele('ram:ApplicableHeaderTradeSettlement');
  st.ele('ram:InvoiceCurrencyCode').txt(d.currency);
  const pm = st.ele('ram:SpecifiedTradeSettlementPaymentMeans');
  pm.ele('ram:TypeCode').txt('58'); // SEPA credit transfer
  pm.ele('ram:PayeePartyCreditorFinancialAccount').ele('ram:IBANID').txt(d.iban);
  const tt = st.ele('ram:ApplicableTradeTax');
  tt.ele('ram:CalculatedAmount').txt(amt(d.vatMinor));
  tt.ele('ram:TypeCode').txt('VAT');
  if (cat.reason) tt.ele('ram:ExemptionReason').txt(cat.reason);
  tt.ele('ram:BasisAmount').txt(amt(d.netMinor));
  tt.ele('ram:CategoryCode').txt(cat.code);
  if (cat.vatex) tt.ele('ram:ExemptionReasonCode').txt(cat.vatex);
  if (!outOfScope) tt.ele('ram:RateApplicablePercent').txt(formatRate(d.rateBp));
  st.ele('ram:SpecifiedTradePaymentTerms')
    .ele('ram:Description')
    .txt(`${t('payment', { iban: d.iban })} ${docDate(d.issuedAt, d.locale)}`);
  const sum = st.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  sum.ele('ram:LineTotalAmount').txt(amt(d.netMinor));
  sum.ele('ram:TaxBasisTotalAmount').txt(amt(d.netMinor));
  sum.ele('ram:TaxTotalAmount', { currencyID: d.currency }).txt(amt(d.vatMinor));
  sum.ele('ram:GrandTotalAmount').txt(amt(d.grossMinor));
  sum.ele('ram:DuePayableAmount').txt(amt(d.grossMinor));
  return doc.end({ prettyPrint: true });
}

/** BG-30 line VAT: category and rate (no rate for O, BR-O-05); the reason is given once, in the breakdown. */
function lineTax(tt: Node, cat: (typeof CATEGORY)[CreditNoteScheme], rateBp: number) {
  tt.ele('ram:TypeCode').txt('VAT');
  tt.ele('ram:CategoryCode').txt(cat.code);
  if (cat.code !== 'O') tt.ele('ram:RateApplicablePercent').txt(formatRate(rateBp));
}

/**
 * Seller (BG-4) or buyer (BG-7); VAT IDs only where VAT is in scope (BR-O-02), the seller's tax number as FC.
 * BT-29 identifies a seller without a VAT ID in the document (BR-CO-26): its tax number, else (a private
 * person has none) the partner code the store knows it by.
 */
function party(p: Node, x: Party, o: { vat: boolean; seller: boolean; partnerId?: string }) {
  if (o.seller && (!o.vat || !x.vatId)) p.ele('ram:ID').txt(x.taxNumber ?? x.vatId ?? o.partnerId ?? '');
  p.ele('ram:Name').txt(x.name);
  const a = p.ele('ram:PostalTradeAddress');
  if (x.postcode) a.ele('ram:PostcodeCode').txt(x.postcode);
  if (x.street) a.ele('ram:LineOne').txt(x.street);
  if (x.city) a.ele('ram:CityName').txt(x.city);
  a.ele('ram:CountryID').txt(x.country);
  if (x.email) p.ele('ram:URIUniversalCommunication').ele('ram:URIID', { schemeID: 'EM' }).txt(x.email);
  if (x.vatId && o.vat) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(x.vatId);
  if (x.taxNumber && o.seller) p.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'FC' }).txt(x.taxNumber);
}
