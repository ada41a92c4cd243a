/**
 * Country names as exports write them ("Germany", "Deutschland", "Korea,
 * Republic of") to ISO 3166-1 alpha-2, built from Intl's region names in
 * English and German so no table has to be kept by hand.
 */

// Names of the ISO 3166 list (as Ruby's countries gem and Gumroad write them) that Intl words differently.
const ALIASES: Record<string, string> = {
  'united states of america': 'US',
  usa: 'US',
  'korea republic of': 'KR',
  'korea democratic peoples republic of': 'KP',
  'russian federation': 'RU',
  'viet nam': 'VN',
  'iran islamic republic of': 'IR',
  'taiwan province of china': 'TW',
  'moldova republic of': 'MD',
  'tanzania united republic of': 'TZ',
  'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE',
  'syrian arab republic': 'SY',
  'lao peoples democratic republic': 'LA',
  'czech republic': 'CZ',
  'macedonia the former yugoslav republic of': 'MK',
  'north macedonia': 'MK',
  turkiye: 'TR',
  'united kingdom of great britain and northern ireland': 'GB',
  'great britain': 'GB',
  'hong kong sar china': 'HK',
};

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let byName: Map<string, string> | undefined;
function names(): Map<string, string> {
  if (byName) return byName;
  const map = new Map<string, string>();
  const displays = ['en', 'de'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      for (const display of displays) {
        const name = display.of(code);
        if (name && name !== code) map.set(normalise(name), code);
      }
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) map.set(name, code);
  byName = map;
  return map;
}

// An export names few countries many times: each spelling is looked up once.
const seen = new Map<string, string | null>();

/** ISO alpha-2 for a code or a name; null when the cell is empty or unknown (the country is optional). */
export function countryCode(value: string): string | null {
  const known = seen.get(value);
  if (known !== undefined) return known;
  const code = lookUp(value.trim());
  if (seen.size < 1000) seen.set(value, code);
  return code;
}

function lookUp(text: string): string | null {
  if (text === '') return null;
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase();
    return names().has(normalise(new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? '')) ? code : null;
  }
  return names().get(normalise(text)) ?? null;
}
