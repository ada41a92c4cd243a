import PDFDocument from 'pdfkit';
import type { Invoice } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import type { TaxScheme } from '../tax/categories.js';
import { countryName } from '../tax/countries.js';
import { formatRate } from '../tax/rates.js';
import { docTexts, schemeNoteKey } from './document-texts.js';
import type { InvoiceLine, Party, TaxGroup } from './model.js';

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const RIGHT = 210 * MM - 20 * MM;
const WIDTH = RIGHT - LEFT;

/**
 * The invoice as an A4 PDF. Layout after DIN 5008 form B: address field 20 mm
 * from the left edge and 45 mm from the top (window envelopes DL/C5/6), with the
 * sender line above it; fold marks at 105 mm and 210 mm, punch mark at 148.5 mm.
 * Built-in Helvetica (WinAnsi): German and Western European text; the creation date is the issue date.
 */
export function renderInvoicePdf(inv: Invoice, original?: Pick<Invoice, 'number' | 'issued_at'>): Promise<Buffer> {
  const t = docTexts(inv.locale);
  const seller = JSON.parse(inv.seller) as Party;
  const buyer = JSON.parse(inv.buyer) as Party;
  const lines = JSON.parse(inv.lines) as InvoiceLine[];
  const groups = JSON.parse(inv.breakdown) as TaxGroup[];
  const money = (m: number) => formatMoney(m, inv.currency, inv.locale);
  const date = (d: string) =>
    new Date(`${d.slice(0, 10)}T12:00:00Z`).toLocaleDateString(inv.locale === 'de' ? 'de-DE' : 'en-GB');
  const title = t(inv.kind === 'credit_note' ? 'credit_note' : 'invoice');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 25 * MM, left: LEFT, right: 20 * MM },
    info: { Title: `${title} ${inv.number}`, Author: seller.name, CreationDate: new Date(inv.issued_at) },
  });
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
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(seller.name, LEFT, 18 * MM, { width: WIDTH, align: 'right' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text([seller.street, `${seller.postcode} ${seller.city}`, countryName(seller.country, inv.locale)].join('\n'), {
      width: WIDTH,
      align: 'right',
    });
  // Address field (DIN 5008 B): sender line, then the recipient.
  const ax = 20 * MM + 5 * MM;
  doc
    .fontSize(7)
    .fillColor('#666')
    .text(`${seller.name} · ${seller.street} · ${seller.postcode} ${seller.city}`, ax, 45 * MM + 2 * MM, {
      width: 80 * MM,
      lineBreak: false,
    });
  const recipient = [
    buyer.name,
    buyer.street,
    [buyer.postcode, buyer.city].filter(Boolean).join(' '),
    countryName(buyer.country, inv.locale),
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
    [t('date'), date(inv.issued_at)],
    [t('supplyDate'), date(inv.supply_date)],
  ];
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
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor('#111')
    .text(`${title} ${inv.number}`, LEFT, 105 * MM);
  if (original)
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(t('cancels', { number: original.number, date: date(original.issued_at) }));
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
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
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
  row([t('pos'), t('description'), t('quantity'), t('rate'), t('amount')], true);
  doc
    .moveTo(LEFT, y - 1 * MM)
    .lineTo(RIGHT, y - 1 * MM)
    .lineWidth(0.5)
    .strokeColor('#333')
    .stroke();
  for (const [i, l] of lines.entries()) {
    row([String(i + 1), l.title, String(l.quantity), `${formatRate(l.rateBp)} %`, money(l.grossMinor)]);
  }
  doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor('#333').stroke();
  y += 3 * MM;
  // VAT breakdown per rate, then totals.
  const total = (label: string, value: string, bold = false) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(bold ? 11 : 9)
      .fillColor('#111');
    doc.text(label, LEFT + 80 * MM, y, { width: 55 * MM });
    doc.text(value, cols.amount, y, { width: RIGHT - cols.amount, align: 'right' });
    y += (bold ? 6 : 5) * MM;
  };
  if (inv.mode !== 'small_business' || inv.tax_minor !== 0) {
    total(t('totalNet'), money(inv.net_minor));
    for (const g of groups)
      total(`${t('vatAt', { rate: formatRate(g.rateBp) })} (${t('net')} ${money(g.netMinor)})`, money(g.taxMinor));
  }
  total(t('total'), money(inv.gross_minor), true);
  y += 4 * MM;
  const note = t(schemeNoteKey(inv.scheme as TaxScheme), { country: countryName(inv.tax_country ?? '', inv.locale) });
  doc.font('Helvetica').fontSize(9).fillColor('#111');
  for (const text of [note, inv.kind === 'invoice' ? t('paid') : ''].filter(Boolean)) {
    doc.text(text, LEFT, y, { width: WIDTH });
    y = doc.y + 2 * MM;
  }
  // Footer: the seller's identity (§ 14 Abs. 4 Nr. 1, 2 UStG).
  const ids = [
    seller.taxNumber ? `${t('taxNumber')}: ${seller.taxNumber}` : '',
    seller.vatId ? `${t('vatId')}: ${seller.vatId}` : '',
  ].filter(Boolean);
  doc
    .fontSize(8)
    .fillColor('#666')
    .text(
      [`${seller.name} · ${seller.street} · ${seller.postcode} ${seller.city}`, ids.join(' · ')].join('\n'),
      LEFT,
      297 * MM - 22 * MM,
      {
        width: WIDTH,
        align: 'center',
        lineBreak: true,
      },
    );
  doc.end();
  return done;
}
