/**
 * The SEPA character set (EPC217-08, "SEPA Requirements for an Extended
 * Character Set", basic Latin): a–z, A–Z, 0–9 and / - ? : ( ) . , ' + space.
 * Banks reject or garble anything else, so names and texts are transliterated:
 * the German letters as Germans write them without umlauts (Müller → Mueller,
 * Straße → Strasse), other letters stripped of their accents by Unicode
 * decomposition (é → e), anything left as a space. Short and fixed, so no
 * library: the whitelist is the rule.
 */
const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS' };
const EXTRA: Record<string, string> = {
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
  '&': '+',
  '–': '-',
  '—': '-',
  '’': "'",
  '‘': "'",
};
const ALLOWED = /[A-Za-z0-9/\-?:().,'+ ]/;

export function sepaText(text: string, maxLength: number): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const mapped = GERMAN[ch] ?? EXTRA[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    for (const c of mapped) out += ALLOWED.test(c) ? c : ' ';
  }
  // No leading "/" and no "//" inside (EPC rule for references); collapse spaces.
  const clean = out
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.slice(0, maxLength).trim();
}
