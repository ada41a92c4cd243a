import { memoize } from '../domain/memo.js';

/**
 * "2.4 MB" / "2,4 MB" in binary steps (1 KB = 1024 bytes), so a 2048 MB upload
 * limit reads "2 GB" just as it was configured. The one size format of the app.
 */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(`${locale === 'de' ? 'de-DE' : 'en-GB'}|${digits}`).format(value)} ${units[unit]}`;
}

const numberFormat = memoize(16, (key) => {
  const [tag, digits] = key.split('|');
  return new Intl.NumberFormat(tag, { maximumFractionDigits: Number(digits), minimumFractionDigits: 0 });
});
