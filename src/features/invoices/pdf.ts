import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type { Invoice } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { TaxScheme } from '../tax/categories.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import { docDate, docTexts, schemeNoteKey } from './document-texts.js';
import { creditNoteKind, type InvoiceLine, type Party, sellerDay, type TaxGroup } from './model.js';
import { embedFacturX, escapeInfoInXmp, PDFA_OPTIONS } from './pdf-archive.js';
import { invoiceFonts, printable } from './pdf-fonts.js';

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const RIGHT = 210 * MM - 20 * MM;
const WIDTH = RIGHT - LEFT;

/** Every text field of a party as the invoice fonts can show it. */
const printableParty = (p: Party): Party =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v])) as Party;

/** pdfkit (with fontkit, about 25 MB of memory) is loaded with the first invoice, not at start. */
let pdfkit: typeof PDFKitDocument | undefined;
function pdfDocumentClass(): typeof PDFKitDocument {
  pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument;
  return pdfkit;
}

export type PdfOptions = {
  /** The EN 16931 CII XML to embed: the PDF becomes a Factur-X / ZUGFeRD hybrid invoice. */
  facturX?: Buffer;
  /** The order's number, printed beside the invoice's: what the buyer knows the purchase by. */
  orderNumber?: string | undefined;
};

/** Schemes without VAT on the line: no rate is printed, the invoice's note says why (§ 19, reverse charge, outside the EU). */
const UNTAXED: readonly string[] = ['small_business', 'reverse_charge', 'non_eu'];

/**
 * The invoice as an A4 PDF/A-3b. Layout after DIN 5008 form B: address field 20 mm
 * from the left edge and 45 mm from the top (window envelopes DL/C5/6), with the
 * sender line above it; fold marks at 105 mm and 210 mm, punch mark at 148.5 mm.
 * Noto Sans, embedded (pdf-fonts.ts); the creation date is the issue date, so the
 * same invoice renders to the same bytes.
 */
export function renderInvoicePdf(
  inv: Invoice,
  original?: Pick<Invoice, 'number' | 'issued_at' | 'gross_minor'>,
  o: PdfOptions = {},
): Promise<Buffer> {
  const t = docTexts(inv.locale);
  const sellerAsIs = JSON.parse(inv.seller) as Party;
  const seller = printableParty(sellerAsIs);
  const buyer = printableParty(JSON.parse(inv.buyer) as Party);
  const lines = (JSON.parse(inv.lines) as InvoiceLine[]).map((l) => ({ ...l, title: printable(l.title) }));
  const groups = JSON.parse(inv.breakdown) as TaxGroup[];
  const money = (m: number) => printable(formatMoney(m, inv.currency, inv.locale));
  const country = (code: string) => printable(countryName(code, inv.locale));
  // 02.03.2026 / 02/03/2026: two-digit days and months, as everywhere on invoices.
  const date = (d: string) => docDate(d, inv.locale);
  // A credit note for the whole invoice cancels it; one for a part corrects it (§ 17 UStG).
  const creditKind = inv.kind === 'credit_note' ? creditNoteKind(inv, original?.gross_minor) : undefined;
  const title = t(creditKind === 'cancellation' ? 'credit_note' : creditKind ? 'correction' : 'invoice');
  const issued = new Date(inv.issued_at);
  const { regular: REGULAR, bold: BOLD } = invoiceFonts();
  const options: Omit<PDFKit.PDFDocumentOptions, 'font'> & { font: PDFKit.Mixins.PDFFontSource } = {
    ...PDFA_OPTIONS,
    size: 'A4',
    margins: { top: 20 * MM, bottom: 25 * MM, left: LEFT, right: 20 * MM },
    font: REGULAR, // instead of the default Helvetica, which is never embedded
    lang: inv.locale,
    displayTitle: true,
    info: { Title: `${title} ${inv.number}`, Author: sellerAsIs.name, Creator: 'Vielfach', CreationDate: issued },
  };
  // pdfkit takes any font source here; its types say a path.
  const PDFDocument = pdfDocumentClass();
  const doc = new PDFDocument(options as PDFKit.PDFDocumentOptions);
  escapeInfoInXmp(doc);
  if (o.facturX) embedFacturX(doc, o.facturX, issued);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));

  // Fold and punch marks.
  for (const y of [105, 148.5, 210])
    doc
      .moveTo(5 * MM, y * MM)
      .lineTo((y === 148.5 ? 9 : 8) * MM, y * MM)
      .lineWidth(0.4)
      .strokeColor('#999')
      .stroke();
  // Letterhead, top right.
  doc
    .fillColor('#111')
    .font(BOLD)
    .fontSize(14)
    .text(seller.name, LEFT, 18 * MM, { width: WIDTH, align: 'right' });
  doc
    .font(REGULAR)
    .fontSize(9)
    .fillColor('#444')
    .text([seller.street, `${seller.postcode} ${seller.city}`, country(seller.country)].join('\n'), {
      width: WIDTH,
      align: 'right',
    });
  // Address field (DIN 5008 B): sender line, then the recipient.
  const ax = 20 * MM + 5 * MM;
  const senderLine = `${seller.name} · ${seller.street} · ${seller.postcode} ${seller.city}`;
  // One line above the window: a long sender line gets smaller type, then an ellipsis.
  doc.fontSize(7);
  doc
    .fontSize(Math.max(5.5, Math.min(7, (7 * 80 * MM) / doc.widthOfString(senderLine))))
    .fillColor('#666')
    .text(senderLine, ax, 45 * MM + 2 * MM, { width: 80 * MM, height: 8, ellipsis: true });
  const recipient = [
    buyer.name,
    buyer.street,
    [buyer.postcode, buyer.city].filter(Boolean).join(' '),
    country(buyer.country),
    buyer.email,
  ]
    .filter((s) => s && s.trim() !== '')
    .join('\n');
  doc
    .fontSize(10)
    .fillColor('#111')
    .text(recipient, ax, 45 * MM + 8 * MM, { width: 80 * MM });
  // Information block, right of the address field.
  const info: [string, string][] = [
    [t('number'), inv.number],
    [t('date'), date(sellerDay(inv.issued_at, inv.seller))],
    [t('supplyDate'), date(inv.supply_date)],
  ];
  if (o.orderNumber) info.push([t('order'), o.orderNumber]);
  if (inv.buyer_vat_id) info.push([t('buyerVatId'), inv.buyer_vat_id]);
  let iy = 50 * MM;
  for (const [k, v] of info) {
    doc
      .fontSize(9)
      .fillColor('#666')
      .text(k, 125 * MM, iy, { width: 30 * MM });
    doc.fillColor('#111').text(v, 155 * MM, iy, { width: RIGHT - 155 * MM, align: 'right' });
    iy += 5 * MM;
  }
  // Title and line items.
  doc
    .font(BOLD)
    .fontSize(16)
    .fillColor('#111')
    .text(`${title} ${inv.number}`, LEFT, 105 * MM);
  if (original)
    doc
      .font(REGULAR)
      .fontSize(10)
      .text(
        t(creditKind === 'cancellation' ? 'cancels' : 'corrects', {
          number: original.number,
          date: date(sellerDay(original.issued_at, inv.seller)),
        }),
        { width: WIDTH },
      );
  let y = doc.y + 6 * MM;
  const cols = {
    pos: LEFT,
    desc: LEFT + 12 * MM,
    qty: LEFT + 105 * MM,
    rate: LEFT + 120 * MM,
    amount: LEFT + 135 * MM,
  };
  const row = (cells: [string, string, string, string, string], bold = false) => {
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(9)
      .fillColor('#111');
    const h = doc.heightOfString(cells[1], { width: 90 * MM });
    doc.text(cells[0], cols.pos, y, { width: 10 * MM });
    doc.text(cells[1], cols.desc, y, { width: 90 * MM });
    doc.text(cells[2], cols.qty, y, { width: 12 * MM, align: 'right' });
    doc.text(cells[3], cols.rate, y, { width: 13 * MM, align: 'right' });
    doc.text(cells[4], cols.amount, y, { width: RIGHT - cols.amount, align: 'right' });
    y += Math.max(h, 10) + 2 * MM;
  };
  // No "0 %" where no VAT applies: the rate column stays empty, the note below says why.
  const rated = lines.some((l) => !UNTAXED.includes(l.scheme));
  row([t('pos'), t('description'), t('quantity'), rated ? t('rate') : '', t('amount')], true);
  doc
    .moveTo(LEFT, y - 1 * MM)
    .lineTo(RIGHT, y - 1 * MM)
    .lineWidth(0.5)
    .strokeColor('#333')
    .stroke();
  for (const [i, l] of lines.entries()) {
    const rate = UNTAXED.includes(l.scheme) ? '' : `${formatRate(l.rateBp)} %`;
    row([String(i + 1), l.title, String(l.quantity), rate, money(l.grossMinor)]);
  }
  doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor('#333').stroke();
  y += 3 * MM;
  // VAT breakdown per rate, then totals.
  const total = (label: string, value: string, bold = false) => {
    doc
      .font(bold ? BOLD : REGULAR)
      .fontSize(bold ? 11 : 9)
      .fillColor('#111');
    doc.text(label, LEFT + 80 * MM, y, { width: 55 * MM });
    doc.text(value, cols.amount, y, { width: RIGHT - cols.amount, align: 'right' });
    y += (bold ? 6 : 5) * MM;
  };
  const taxed = groups.filter((g) => !UNTAXED.includes(g.scheme));
  if (taxed.length > 0) {
    total(t('totalNet'), money(inv.net_minor));
    for (const g of taxed)
      total(`${t('vatAt', { rate: formatRate(g.rateBp) })} (${t('net')} ${money(g.netMinor)})`, money(g.taxMinor));
  }
  total(t('total'), money(inv.gross_minor), true);
  y += 4 * MM;
  const note = t(schemeNoteKey(inv.scheme as TaxScheme), { country: country(inv.tax_country ?? '') });
  doc.font(REGULAR).fontSize(9).fillColor('#111');
  for (const text of [note, inv.kind === 'invoice' ? t('paid') : ''].filter(Boolean)) {
    doc.text(text, LEFT, y, { width: WIDTH });
    y = doc.y + 2 * MM;
  }
  // Footer: the seller's identity (§ 14 Abs. 4 Nr. 1, 2 UStG).
  const ids = [
    seller.taxNumber ? `${t('taxNumber')}: ${seller.taxNumber}` : '',
    seller.vatId ? `${t('vatId')}: ${seller.vatId}` : '',
  ].filter(Boolean);
  // Inside the bottom margin: without this pdfkit would move the footer to a new page.
  doc.page.margins.bottom = 0;
  doc
    .fontSize(8)
    .fillColor('#666')
    .text([senderLine, ids.join(' · ')].join('\n'), LEFT, 297 * MM - 22 * MM, { width: WIDTH, align: 'center' });
  doc.end();
  return done;
}
