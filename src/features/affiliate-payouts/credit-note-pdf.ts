import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import { formatMoney } from '../../domain/money.js';
import { docDate } from '../invoices/document-texts.js';
import type { Party } from '../invoices/model.js';
import { embedFacturX, escapeInfoInXmp, PDFA_OPTIONS } from '../invoices/pdf-archive.js';
import { invoiceFonts, printable } from '../invoices/pdf-fonts.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import type { CreditNoteDocument } from './credit-note.js';
import { buildCreditNoteCii } from './credit-note-cii.js';
import { creditNoteTexts, noteKey } from './credit-note-texts.js';

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const RIGHT = 210 * MM - 20 * MM;
const WIDTH = RIGHT - LEFT;

let pdfkit: typeof PDFKitDocument | undefined;
const pdfDocumentClass = () => {
  pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument;
  return pdfkit;
};

/**
 * The credit note as an A4 PDF/A-3b with its EN 16931 XML embedded (Factur-X),
 * in the invoices' typeface, archive settings and DIN 5008 address field. The
 * store issues it, so its letterhead is the store's; the window shows the
 * affiliate it is sent to; both parties' tax details are printed, the
 * affiliate's (the supplier's) above the lines. Same document, same bytes.
 */
export function renderCreditNotePdf(d: CreditNoteDocument): Promise<Buffer> {
  const t = creditNoteTexts(d.locale);
  const seller = printableParty(d.seller);
  const buyer = printableParty(d.buyer);
  const money = (m: number) => printable(formatMoney(m, d.currency, d.locale));
  const country = (code: string) => printable(countryName(code, d.locale));
  const issued = new Date(d.issuedAt);
  const { regular: REGULAR, bold: BOLD } = invoiceFonts();
  const PDFDocument = pdfDocumentClass();
  const doc = new PDFDocument({
    ...PDFA_OPTIONS,
    size: 'A4',
    margins: { top: 20 * MM, bottom: 25 * MM, left: LEFT, right: 20 * MM },
    font: REGULAR,
    lang: d.locale,
    displayTitle: true,
    info: { Title: `${t('title')} ${d.number}`, Author: d.buyer.name, Creator: 'Vielfach', CreationDate: issued },
  } as unknown as PDFKit.PDFDocumentOptions);
  escapeInfoInXmp(doc);
  embedFacturX(doc, Buffer.from(buildCreditNoteCii(d), 'utf8'), issued);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));

  // Letterhead: the store, which issues the document.
  doc
    .font(BOLD)
    .fontSize(14)
    .fillColor('#111')
    .text(buyer.name, LEFT, 18 * MM, { width: WIDTH, align: 'right' });
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor('#444')
    .text([buyer.street, `${buyer.postcode} ${buyer.city}`, country(buyer.country)].join('\n'), {
      width: WIDTH,
      align: 'right',
    });
  // Address field (DIN 5008 B): sender line, then the affiliate.
  const ax = 25 * MM;
  doc
    .fontSize(7)
    .fillColor('#666')
    .text(`${buyer.name} · ${buyer.street} · ${buyer.postcode} ${buyer.city}`, ax, 47 * MM, {
      width: 80 * MM,
      height: 8,
      ellipsis: true,
    });
  doc
    .fontSize(10)
    .fillColor('#111')
    .text(addressLines(seller, country).join('\n'), ax, 53 * MM, { width: 80 * MM });
  let iy = 50 * MM;
  for (const [k, v] of [
    [t('number'), d.number],
    [t('date'), docDate(d.issuedAt, d.locale)],
    [t('period'), d.period],
  ] as const) {
    doc
      .fontSize(9)
      .fillColor('#666')
      .text(k, 125 * MM, iy, { width: 30 * MM });
    doc.fillColor('#111').text(v, 155 * MM, iy, { width: RIGHT - 155 * MM, align: 'right' });
    iy += 5 * MM;
  }
  doc
    .font(BOLD)
    .fontSize(16)
    .text(`${t('title')} ${d.number}`, LEFT, 100 * MM, { width: WIDTH });
  doc.font(REGULAR).fontSize(9).text(t('selfBilled'), { width: WIDTH });
  doc.moveDown(0.5);
  // The supplier's identity (§ 14 Abs. 4 Nr. 1, 2 UStG), then the recipient's.
  doc
    .font(BOLD)
    .text(t('supplier'), { continued: true })
    .font(REGULAR)
    .text(`: ${partyLine(seller, t)}`);
  doc
    .font(BOLD)
    .text(t('recipient'), { continued: true })
    .font(REGULAR)
    .text(`: ${partyLine(buyer, t)}`);

  let y = doc.y + 6 * MM;
  const row = (cells: [string, string, string], bold = false) => {
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(9)
      .fillColor('#111');
    doc.text(cells[0], LEFT, y, { width: 10 * MM });
    doc.text(cells[1], LEFT + 12 * MM, y, { width: 110 * MM });
    doc.text(cells[2], LEFT + 125 * MM, y, { width: WIDTH - 125 * MM, align: 'right' });
    y += 7 * MM;
  };
  row([t('pos'), t('description'), t('amount')], true);
  doc
    .moveTo(LEFT, y - 2 * MM)
    .lineTo(RIGHT, y - 2 * MM)
    .lineWidth(0.5)
    .strokeColor('#333')
    .stroke();
  row(['1', printable(t('line', { period: d.period })), money(d.netMinor)]);
  doc
    .moveTo(LEFT, y - 2 * MM)
    .lineTo(RIGHT, y - 2 * MM)
    .lineWidth(0.5)
    .strokeColor('#333')
    .stroke();
  if (d.scheme === 'domestic') {
    row(['', t('totalNet'), money(d.netMinor)]);
    row(['', t('vatAt', { rate: formatRate(d.rateBp) }), money(d.vatMinor)]);
  }
  row(['', t('total'), money(d.grossMinor)], true);
  doc.font(REGULAR).fontSize(9);
  for (const text of [t(noteKey(d.scheme)), t('payment', { iban: d.iban })].filter(Boolean)) {
    doc.text(printable(text), LEFT, y, { width: WIDTH });
    y = doc.y + 2 * MM;
  }
  doc.end();
  return done;
}

function printableParty(p: Party): Party {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as Party;
}

function addressLines(p: Party, country: (c: string) => string): string[] {
  return [p.name, p.street, `${p.postcode} ${p.city}`, country(p.country)].filter((s) => s.trim() !== '');
}

function partyLine(p: Party, t: ReturnType<typeof creditNoteTexts>): string {
  const ids = [p.taxNumber ? `${t('taxNumber')} ${p.taxNumber}` : '', p.vatId ? `${t('vatId')} ${p.vatId}` : ''];
  return [p.name, `${p.street}, ${p.postcode} ${p.city}`, ...ids].filter(Boolean).join(' · ');
}
