import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type QRCodeModule from 'qrcode';
import type { Certificate } from '../../db/schema.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';
import { invoiceFonts, printable } from '../invoices/pdf-fonts.js';
import { certificateDay, studyHours, verifyPath } from './certificate-texts.js';

const require = createRequire(import.meta.url);
/** pdfkit and qrcode are loaded with the first certificate, not at start (as for invoices). */
let pdfkit: typeof PDFKitDocument | undefined;
let qrcode: typeof QRCodeModule | undefined;

const MM = 72 / 25.4;
const PAGE_W = 297 * MM;
const PAGE_H = 210 * MM;
const ACCENT = '#1f4e79';

export type CertificatePdfOptions = { storeName: string; publicUrl: string; timeZone: string };

/** Draws the QR code of `text` as filled squares (vector, sharp at any size), `size` points wide, at (x, y). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  qrcode ??= require('qrcode') as typeof QRCodeModule;
  const { modules } = qrcode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#fff');
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  doc.fill('#000').restore();
}

/**
 * The certificate as an A4 landscape PDF in the student's language: name,
 * course, completion day (store's time zone), hours of study, the id and a
 * QR code of the verification page, which shows the same fields. Fonts are
 * the invoices' Noto Sans (embedded subsets). The creation date is the issue
 * time, so a certificate renders alike each time.
 */
export function renderCertificatePdf(cert: Certificate, o: CertificatePdfOptions): Promise<Buffer> {
  const locale: Locale = isLocale(cert.locale) ? cert.locale : 'en';
  const t = translator(locale);
  const url = `${o.publicUrl}${verifyPath(cert.id)}`;
  const { regular, bold } = invoiceFonts();
  pdfkit ??= require('pdfkit') as typeof PDFKitDocument;
  const options: Omit<PDFKit.PDFDocumentOptions, 'font'> & { font: PDFKit.Mixins.PDFFontSource } = {
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    font: regular,
    lang: locale,
    displayTitle: true,
    info: {
      Title: `${t('certificates.pdf.title')} ${cert.id}`,
      Subject: cert.course_title,
      Author: o.storeName,
      Creator: 'Vielfach',
      CreationDate: new Date(cert.issued_at),
    },
  };
  const doc = new pdfkit(options as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));

  // Frame.
  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(12 * MM, 12 * MM, PAGE_W - 24 * MM, PAGE_H - 24 * MM)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(15 * MM, 15 * MM, PAGE_W - 30 * MM, PAGE_H - 30 * MM)
    .stroke();

  const x = 30 * MM;
  const width = PAGE_W - 60 * MM;
  const center = { width, align: 'center' as const };
  doc
    .font(bold)
    .fontSize(13)
    .fillColor('#555')
    .text(printable(o.storeName).toUpperCase(), x, 30 * MM, center);
  doc
    .font(bold)
    .fontSize(32)
    .fillColor(ACCENT)
    .text(t('certificates.pdf.title'), x, 44 * MM, center);
  doc
    .font(regular)
    .fontSize(14)
    .fillColor('#333')
    .text(t('certificates.pdf.certifies'), x, 68 * MM, center);
  doc
    .font(bold)
    .fontSize(28)
    .fillColor('#111')
    .text(printable(cert.student_name || '—'), x, 78 * MM, { ...center, height: 14 * MM, ellipsis: true });
  doc
    .font(regular)
    .fontSize(14)
    .fillColor('#333')
    .text(t('certificates.pdf.completed'), x, 96 * MM, center);
  doc
    .font(bold)
    .fontSize(20)
    .fillColor('#111')
    .text(printable(cert.course_title), x, 106 * MM, { ...center, height: 18 * MM, ellipsis: true });
  const day = certificateDay(cert.issued_at, o.timeZone, locale);
  const facts = [t('certificates.pdf.on', { date: day })];
  if (cert.study_minutes > 0)
    facts.push(t('certificates.pdf.hours', { hours: studyHours(cert.study_minutes, locale) }));
  doc
    .font(regular)
    .fontSize(13)
    .fillColor('#333')
    .text(facts.join(' · '), x, 128 * MM, center);

  // Foot: who issued it, the id, the verification address and its QR code.
  const qrSize = 30 * MM;
  const qrX = PAGE_W - 30 * MM - qrSize;
  const qrY = PAGE_H - 25 * MM - qrSize;
  drawQr(doc, url, qrX, qrY, qrSize);
  const footW = qrX - x - 8 * MM;
  doc
    .font(regular)
    .fontSize(10)
    .fillColor('#444')
    .text(t('certificates.pdf.issuedBy', { store: printable(o.storeName) }), x, qrY + 4 * MM, { width: footW });
  doc.font(bold).text(t('certificates.pdf.id', { id: cert.id }), { width: footW });
  doc
    .font(regular)
    .fillColor(ACCENT)
    .text(t('certificates.pdf.verify', { url: printable(url) }), { width: footW, link: url, underline: false });
  doc.end();
  return done;
}
