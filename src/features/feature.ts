import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../jobs/define.js';
import type { Entitlement, FulfilmentGate } from '../order-core/entitlements.js';
import type { OrderSubscriber } from '../order-core/events.js';
import type { Services } from '../services.js';
import type { MessageBundle, MessageKey } from '../web/messages.js';
import type { ProductSection } from './catalog/product-section.js';
import type { CheckoutChoice } from './checkout/choices.js';
import type { TemplateFn } from './email/template-types.js';
import type { LibrarySection } from './library/library-section.js';
import type { PrivacyPart } from './privacy/privacy-part.js';

/**
 * What one feature contributes to the app, in one place: its routes, the job
 * handlers it runs, what it does when orders change and what a paid order
 * gives (its entitlements). The app, the worker and the order core iterate
 * the list in `features/index.ts`; adding a feature means adding its folder,
 * one line there, and its migration to `db/migrations/index.ts`.
 *
 * Demo content (VIELFACH_DEMO=1) comes from the list too: each feature adds
 * its own examples, in the list's order, before the setup adds a year of
 * history over all of them.
 *
 * Texts and email templates come from the list as well; their keys reach the
 * compiler by declaration merging in the feature's own `messages.ts` and
 * `email-templates.ts`, so every key a template uses is still checked.
 */
/** A link in the admin's navigation; `position` orders the links of all features (lower first). */
export type AdminNavEntry = { href: string; label: MessageKey; position: number };

/**
 * Adds a feature's example content to the demo store; runs at every demo
 * start, so it adds only what is missing. Dated content is placed relative
 * to `now`, the same clock the demo's history is written on.
 */
export type DemoContent = (services: Services, now: Date) => Promise<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every feature's admin links, in order (set once by the app). */
    adminNav: readonly AdminNavEntry[];
    /** Every feature's share of a GDPR export or erasure (set once by the app). */
    privacyParts: readonly PrivacyPart[];
  }
}

/** Registers routes on the app it is given. */
export type RouteRegistrar = (app: FastifyInstance, services: Services) => void;

export type Feature = {
  name: string;
  /** Its texts in English and German (their keys join MessageKey by declaration merging in its messages.ts). */
  messages?: MessageBundle;
  /** The emails it sends, by name (their types join TemplateName by declaration merging in its email-templates.ts). */
  // biome-ignore lint/suspicious/noExplicitAny: each template keeps its own data type
  emailTemplates?: Record<string, TemplateFn<any>>;
  /** Its routes outside /admin: the store's pages, the customer's library, the API. */
  routes?: RouteRegistrar;
  /**
   * Its routes under /admin, loaded on the first request there (`web/admin-app.ts`): a store
   * that only sells does not hold the admin's code. Load their modules here with `import()`;
   * a static import from anywhere outside the admin would put them back into the start.
   */
  adminRoutes?: () => Promise<readonly RouteRegistrar[]>;
  // JobDefinition<any>: each handler keeps its own payload type (a list of unions would not).
  jobs?: readonly JobDefinition[];
  orders?: OrderSubscriber;
  entitlements?: readonly Entitlement[];
  fulfilmentGates?: readonly FulfilmentGate[];
  adminNav?: readonly AdminNavEntry[];
  /** What it stores about a person, for export and erasure (GDPR). */
  privacy?: PrivacyPart;
  demo?: DemoContent;
  /** Runs when the server starts (not in tests): schedules its recurring jobs; a no-op when they are scheduled. */
  start?: (services: Services) => Promise<void>;
  /** What it shows a customer in their library. */
  librarySection?: LibrarySection;
  /** What it adds to a product's public page. */
  productSection?: ProductSection;
  /** What a buyer of its product kind picks at checkout (an event's session and ticket), priced and held by it. */
  checkoutChoice?: CheckoutChoice;
};
