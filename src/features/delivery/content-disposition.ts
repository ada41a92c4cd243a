/**
 * `Content-Disposition: attachment` with both file name forms (RFC 6266 with
 * RFC 8187/5987 encoding): `filename="…"` in plain ASCII for old clients and
 * `filename*=UTF-8''…` with the exact, percent-encoded name for everyone else.
 */
export function attachmentDisposition(fileName: string): string {
  const name = cleanName(fileName);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** No path parts or control characters; never empty. */
function cleanName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'download' : clean;
}

const TRANSLIT: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
  '–': '-',
  '—': '-',
  '„': '_',
  '“': '_',
  '”': '_',
  '‘': "'",
  '’': "'",
  '€': 'EUR',
};

/** Readable ASCII: German umlauts spelled out, accents dropped, anything else `_`. */
export function asciiFallback(name: string): string {
  return name
    .replace(/[äöüÄÖÜßẞ–—„“”‘’€]/g, (c) => TRANSLIT[c] ?? '_')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 8187 attr-chars stay, everything else is percent-encoded UTF-8. */
function encodeExtValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
