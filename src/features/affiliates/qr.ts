import type QRCodeModule from 'qrcode';

/** qrcode is loaded with the first portal page, not at start. */
let qrcode: typeof QRCodeModule | undefined;

/** An SVG QR code of a link (the library's own markup: no user text inside but the URL's modules). */
export async function qrSvg(url: string): Promise<string> {
  qrcode ??= (await import('qrcode')).default;
  return qrcode.toString(url, { type: 'svg', margin: 1, width: 160, errorCorrectionLevel: 'M' });
}
