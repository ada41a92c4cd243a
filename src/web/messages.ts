import { adminMessages } from '../features/admin/messages.js';
import { analyticsMessages } from '../features/analytics/messages.js';
import { authMessages } from '../features/auth/messages.js';
import { catalogMessages } from '../features/catalog/messages.js';
import { checkoutMessages } from '../features/checkout/messages.js';
import { deliveryMessages } from '../features/delivery/messages.js';
import { discountsMessages } from '../features/discounts/messages.js';
import { emailMessages } from '../features/email/messages.js';
import { exchangeRatesMessages } from '../features/exchange-rates/messages.js';
import { invoicesMessages } from '../features/invoices/messages.js';
import { legalMessages } from '../features/legal/messages.js';
import { libraryMessages } from '../features/library/messages.js';
import { licensingMessages } from '../features/licensing/messages.js';
import { membershipsMessages } from '../features/memberships/messages.js';
import { newsletterMessages } from '../features/newsletter/messages.js';
import { ordersMessages } from '../features/orders/messages.js';
import { paymentsMessages } from '../features/payments/messages.js';
import { postsMessages } from '../features/posts/messages.js';
import { privacyMessages } from '../features/privacy/messages.js';
import { setupMessages } from '../features/setup/messages.js';
import { taxMessages } from '../features/tax/messages.js';
import { jobsMessages } from '../jobs/messages.js';
import { interpolate, type Locale, type Params } from './i18n.js';
import { shellMessages } from './shell-messages.js';

/** Every feature's texts, registered explicitly. */
const bundles = [
  shellMessages,
  setupMessages,
  authMessages,
  adminMessages,
  emailMessages,
  jobsMessages,
  catalogMessages,
  deliveryMessages,
  libraryMessages,
  ordersMessages,
  discountsMessages,
  checkoutMessages,
  paymentsMessages,
  licensingMessages,
  taxMessages,
  invoicesMessages,
  exchangeRatesMessages,
  legalMessages,
  privacyMessages,
  analyticsMessages,
  membershipsMessages,
  newsletterMessages,
  postsMessages,
] as const;

type Bundle = (typeof bundles)[number];
type Union<B> = B extends { en: infer E } ? E : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type MessageKey = keyof UnionToIntersection<Union<Bundle>>;

const catalogs: Record<Locale, Record<string, string>> = { en: {}, de: {} };
for (const b of bundles) {
  Object.assign(catalogs.en, b.en);
  Object.assign(catalogs.de, b.de);
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => interpolate(catalog[key as string] ?? (key as string), params);
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
