import type { Locale } from '../../web/i18n.js';
import type { Random } from './demo-random.js';

/** A made-up buyer or member of the demo store; addresses are at example.com/.org/.net (RFC 2606), so no mail reaches anyone. */
export type DemoPerson = {
  name: string;
  email: string;
  locale: Locale;
  country: string;
  /** What such a buyer's browser would send: the location evidence checkout keeps. */
  acceptLanguage: string;
};

type Origin = { country: string; weight: number; locale: Locale; acceptLanguage: string; names: keyof typeof NAMES };

const NAMES = {
  de: {
    first: ['Anna', 'Lukas', 'Mia', 'Jonas', 'Lea', 'Felix', 'Sophie', 'Paul', 'Hannah', 'Max', 'Laura', 'Tobias'],
    last: ['Müller', 'Schmidt', 'Weber', 'Fischer', 'Becker', 'Hoffmann', 'Wagner', 'Koch', 'Richter', 'Braun'],
  },
  en: {
    first: ['Emma', 'Oliver', 'Grace', 'Jack', 'Chloe', 'Noah', 'Ella', 'Liam', 'Ruby', 'Ethan', 'Ava', 'Sam'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Walker', 'Evans', 'Wright', 'Hughes', 'Clarke', 'Turner'],
  },
  fr: {
    first: ['Camille', 'Hugo', 'Léa', 'Louis', 'Chloé', 'Jules', 'Manon', 'Lucas'],
    last: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre'],
  },
  nl: {
    first: ['Sanne', 'Daan', 'Lotte', 'Bram', 'Fleur', 'Sem'],
    last: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  },
  it: {
    first: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Sara', 'Matteo'],
    last: ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci'],
  },
  es: { first: ['Lucía', 'Pablo', 'Marta', 'Diego', 'Elena'], last: ['García', 'López', 'Martínez', 'Sánchez'] },
  pl: { first: ['Zofia', 'Jakub', 'Julia', 'Kacper', 'Maja'], last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Zielińska'] },
} as const;

/** Where the demo's buyers come from, roughly as for a German-speaking creator who also sells abroad. */
const ORIGINS: readonly Origin[] = [
  { country: 'DE', weight: 50, locale: 'de', acceptLanguage: 'de-DE,de;q=0.9,en;q=0.8', names: 'de' },
  { country: 'AT', weight: 10, locale: 'de', acceptLanguage: 'de-AT,de;q=0.9,en;q=0.7', names: 'de' },
  { country: 'CH', weight: 6, locale: 'de', acceptLanguage: 'de-CH,de;q=0.9,en;q=0.7', names: 'de' },
  { country: 'NL', weight: 5, locale: 'en', acceptLanguage: 'nl-NL,nl;q=0.9,en;q=0.8', names: 'nl' },
  { country: 'FR', weight: 5, locale: 'en', acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.6', names: 'fr' },
  { country: 'IT', weight: 3, locale: 'en', acceptLanguage: 'it-IT,it;q=0.9,en;q=0.6', names: 'it' },
  { country: 'ES', weight: 3, locale: 'en', acceptLanguage: 'es-ES,es;q=0.9,en;q=0.6', names: 'es' },
  { country: 'PL', weight: 3, locale: 'en', acceptLanguage: 'pl-PL,pl;q=0.9,en;q=0.7', names: 'pl' },
  { country: 'GB', weight: 6, locale: 'en', acceptLanguage: 'en-GB,en;q=0.9', names: 'en' },
  { country: 'US', weight: 9, locale: 'en', acceptLanguage: 'en-US,en;q=0.9', names: 'en' },
];

const WEIGHTED = ORIGINS.map((o) => [o, o.weight] as const);
const DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

/** Lower-case ASCII for the address ("Müller" → "muller", "de Vries" → "devries"). */
function mailPart(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Makes new people; addresses stay unique within one run (and apart from those in `used`). */
export function peopleMaker(random: Random, used = new Set<string>()): () => DemoPerson {
  return () => {
    const origin = random.weighted(WEIGHTED);
    const names = NAMES[origin.names];
    const first = random.pick(names.first);
    const last = random.pick(names.last);
    const domain = random.pick(DOMAINS);
    const base = `${mailPart(first)}.${mailPart(last)}`;
    let email = `${base}@${domain}`;
    for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
    used.add(email);
    return {
      name: `${first} ${last}`,
      email,
      locale: origin.locale,
      country: origin.country,
      acceptLanguage: origin.acceptLanguage,
    };
  };
}
