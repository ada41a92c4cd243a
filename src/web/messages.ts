import { jobsMessages } from '../jobs/messages.js';
import { interpolate, type Locale, type Params } from './i18n.js';
import { shellMessages } from './shell-messages.js';

/** Texts in both languages, as `defineMessages` makes them. */
export type MessageBundle = { en: Record<string, string>; de: Record<string, string> };

/** A feature's texts kept in several files (buying, emails, admin), registered as one bundle. */
export function mergeMessageBundles(...bundles: MessageBundle[]): MessageBundle {
  return { en: Object.assign({}, ...bundles.map((b) => b.en)), de: Object.assign({}, ...bundles.map((b) => b.de)) };
}

/**
 * Each feature adds its texts' type here, by declaration merging in its own
 * `messages.ts` (`declare module '../../web/messages.js' { interface
 * FeatureMessages { posts: typeof postsMessages } }`), so the compiler checks
 * every key a template uses against all of them; the texts themselves come
 * from the feature list (`Feature.messages`), registered once by
 * `features/index.ts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one member per feature
export interface FeatureMessages {}

type Bundle = typeof shellMessages | typeof jobsMessages | FeatureMessages[keyof FeatureMessages];
type Union<B> = B extends { en: infer E } ? E : never;
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
export type MessageKey = keyof UnionToIntersection<Union<Bundle>>;

/** The shell's and the job queue's texts (not features), then every feature's, in the list's order. */
const bundles: MessageBundle[] = [];
const catalogs: Record<Locale, Record<string, string>> = { en: {}, de: {} };
let featuresRegistered = false;

function add(b: MessageBundle): void {
  bundles.push(b);
  Object.assign(catalogs.en, b.en);
  Object.assign(catalogs.de, b.de);
}
add(shellMessages);
add(jobsMessages);

/** Called once with every feature's texts (features/index.ts); a second call adds nothing twice. */
export function registerMessages(list: readonly MessageBundle[]): void {
  for (const b of list) if (!bundles.includes(b)) add(b);
  featuresRegistered = true;
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    // Loud rather than a page of raw keys: whatever translates has loaded the feature list first.
    if (!featuresRegistered) throw new Error('texts are not registered yet: import features/index.js first');
    return interpolate(catalog[key as string] ?? (key as string), params);
  };
}

/** Whether a key built at run time (a job kind, an audit action …) has a text; else show the raw name. */
export function isMessageKey(key: string): key is MessageKey {
  return key in catalogs.en;
}

/** For tests: keys that more than one feature defines (the later one would silently win). */
export function keysDefinedTwice(): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const b of bundles) {
    for (const key of Object.keys(b.en)) {
      if (seen.has(key)) twice.add(key);
      seen.add(key);
    }
  }
  return [...twice].sort();
}

/** For tests: every key in both languages, to check none is empty. */
export function allMessages(): Record<Locale, Record<string, string>> {
  return catalogs;
}
