import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';
import { toDecimalString } from '../../domain/money.js';
import { sepaText } from './sepa-text.js';

/**
 * A SEPA credit transfer order, ISO 20022 pain.001.001.09 as the EPC's
 * customer-to-PSP guidelines (EPC132-08) restrict it: one group header, one
 * payment instruction from the store's account, one transaction per payout.
 *
 * Why .09 and not .03: the Deutsche Kreditwirtschaft's formats take .09 since
 * November 2022, the EPC's current implementation guidelines (the schema in
 * schema/) describe the 2019 message version, and .03 is the one on its way
 * out; a file made today should not need replacing soon.
 */
export const PAIN001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export type SepaAccount = { name: string; iban: string; bic: string | null };
export type SepaTransfer = SepaAccount & {
  /** The credit note's number: the affiliate finds it on the statement (EndToEndId, max 35). */
  endToEndId: string;
  amountMinor: number;
  /** Unstructured remittance information ("Gutschrift GS-2026-00001"), max 140. */
  remittance: string;
};
export type SepaOrder = {
  messageId: string;
  createdAt: Date;
  /** Requested execution day, YYYY-MM-DD. */
  executionDate: string;
  debtor: SepaAccount;
  transfers: readonly SepaTransfer[];
};

/** xmlbuilder2 is loaded with the first file, not at start (as for e-invoices). */
let xmlbuilder: typeof XmlBuilder | undefined;
const builder = () => {
  xmlbuilder ??= createRequire(import.meta.url)('xmlbuilder2') as typeof XmlBuilder;
  return xmlbuilder;
};

/** Amounts are integer euro cents; the sum is taken in cents too, then written as decimal text. */
const eur = (minor: number) => toDecimalString(minor, 'EUR');
const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export function buildPain001(o: SepaOrder): string {
  if (o.transfers.length === 0) throw new RangeError('a SEPA file needs at least one transfer');
  for (const t of o.transfers) {
    if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0) {
      throw new RangeError(`transfer ${t.endToEndId}: amount must be a positive number of cents`);
    }
  }
  const count = String(o.transfers.length);
  const sum = eur(o.transfers.reduce((s, t) => s + t.amountMinor, 0));
  const doc = builder().create({ version: '1.0', encoding: 'UTF-8' }).ele(PAIN001_NS, 'Document');
  const root = doc.ele('CstmrCdtTrfInitn');

  const head = root.ele('GrpHdr');
  head.ele('MsgId').txt(sepaText(o.messageId, 35));
  // Seconds precision, UTC: what banks' parsers take everywhere.
  head.ele('CreDtTm').txt(`${o.createdAt.toISOString().slice(0, 19)}Z`);
  head.ele('NbOfTxs').txt(count);
  head.ele('CtrlSum').txt(sum);
  head.ele('InitgPty').ele('Nm').txt(sepaText(o.debtor.name, 70));

  const pmt = root.ele('PmtInf');
  pmt.ele('PmtInfId').txt(sepaText(o.messageId, 35));
  pmt.ele('PmtMtd').txt('TRF');
  pmt.ele('NbOfTxs').txt(count);
  pmt.ele('CtrlSum').txt(sum);
  pmt.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
  pmt.ele('ReqdExctnDt').ele('Dt').txt(o.executionDate);
  pmt.ele('Dbtr').ele('Nm').txt(sepaText(o.debtor.name, 70));
  pmt.ele('DbtrAcct').ele('Id').ele('IBAN').txt(compact(o.debtor.iban));
  const agent = pmt.ele('DbtrAgt').ele('FinInstnId');
  // Without a BIC the EPC rules ask for "NOTPROVIDED" (IBAN-only within SEPA).
  if (o.debtor.bic) agent.ele('BICFI').txt(compact(o.debtor.bic));
  else agent.ele('Othr').ele('Id').txt('NOTPROVIDED');
  pmt.ele('ChrgBr').txt('SLEV');

  for (const t of o.transfers) {
    const tx = pmt.ele('CdtTrfTxInf');
    tx.ele('PmtId').ele('EndToEndId').txt(sepaText(t.endToEndId, 35));
    tx.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(eur(t.amountMinor));
    if (t.bic) tx.ele('CdtrAgt').ele('FinInstnId').ele('BICFI').txt(compact(t.bic));
    tx.ele('Cdtr').ele('Nm').txt(sepaText(t.name, 70));
    tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(compact(t.iban));
    tx.ele('RmtInf').ele('Ustrd').txt(sepaText(t.remittance, 140));
  }
  return doc.end({ prettyPrint: true });
}
