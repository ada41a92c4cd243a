/**
 * The 27 EU member states (ISO 3166-1 alpha-2; Greece is "GR" here, VAT IDs use "EL"),
 * with the time zone that decides a supply's calendar date there.
 */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

export type EuCountry = (typeof EU_COUNTRIES)[number];

export function isEuCountry(v: unknown): v is EuCountry {
  return typeof v === 'string' && (EU_COUNTRIES as readonly string[]).includes(v);
}

/** Any ISO 3166-1 alpha-2 code as typed; unknown codes are refused by `requireCountry`. */
export function normaliseCountry(v: string): string {
  const c = v.trim().toUpperCase();
  return c === 'EL' ? 'GR' : c;
}

const TIME_ZONES: Record<EuCountry, string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
};

export function timeZoneOf(country: EuCountry): string {
  return TIME_ZONES[country];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in the seller's country: rates change at local midnight. */
export function localDate(iso: string, country: EuCountry): string {
  const tz = TIME_ZONES[country];
  let f = dateFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(tz, f);
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a time: ${iso}`);
  return f.format(d);
}

const names = new Map<string, Intl.DisplayNames>();

/**
 * "Deutschland" / "Germany" (Intl data, no table of our own). What is not a
 * two-letter code (e.g. no country at all) comes back as it is: newer ICU
 * versions throw for it instead of echoing it.
 */
export function countryName(code: string, locale: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  let n = names.get(locale);
  if (!n) {
    n = new Intl.DisplayNames([locale === 'de' ? 'de' : 'en'], { type: 'region' });
    names.set(locale, n);
  }
  return n.of(code) ?? code;
}

/** Two letters that Intl knows as a region: the check for "unknown country". */
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = countryName(code, 'en');
  return name !== code;
}

/** Codes Intl names that are not current ISO 3166-1 countries (regions, reserved and withdrawn codes). */
const NOT_COUNTRIES = new Set(
  'AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ'.split(' '),
);

let billingCountries: string[] | undefined;

/** Every country a buyer can choose (ISO 3166-1 alpha-2 plus XK), from the runtime's own region data. */
export function listBillingCountries(): readonly string[] {
  if (!billingCountries) {
    const out: string[] = [];
    for (let a = 65; a < 91; a++) {
      for (let b = 65; b < 91; b++) {
        const code = String.fromCharCode(a, b);
        if (!NOT_COUNTRIES.has(code) && isKnownCountry(code)) out.push(code);
      }
    }
    billingCountries = out;
  }
  return billingCountries;
}

export function isBillingCountry(code: string): boolean {
  return listBillingCountries().includes(code);
}
