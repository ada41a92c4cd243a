import { createOrderCore, type OrderCore } from '../order-core/order-core.js';
import { registerMessages } from '../web/messages.js';
import { adminFeature } from './admin/feature.js';
import { affiliatePayoutsFeature } from './affiliate-payouts/feature.js';
import { affiliatesFeature } from './affiliates/feature.js';
import { analyticsFeature } from './analytics/feature.js';
import { apiFeature } from './api/feature.js';
import { authFeature } from './auth/feature.js';
import { bookingsFeature } from './bookings/feature.js';
import { catalogFeature } from './catalog/feature.js';
import type { ProductSection } from './catalog/product-section.js';
import { certificatesFeature } from './certificates/feature.js';
import { registerCheckoutChoices } from './checkout/choices.js';
import { checkoutFeature } from './checkout/feature.js';
import { courseQuestionsFeature } from './course-questions/feature.js';
import { courseQuizzesFeature } from './course-quizzes/feature.js';
import { courseVideoFeature } from './course-video/feature.js';
import { coursesFeature } from './courses/feature.js';
import { deliveryFeature } from './delivery/feature.js';
import { discountsFeature } from './discounts/feature.js';
import { emailFeature } from './email/feature.js';
import { registerEmailTemplates } from './email/templates.js';
import { eventsFeature } from './events/feature.js';
import { exchangeRatesFeature } from './exchange-rates/feature.js';
import type { AdminNavEntry, DemoContent, Feature } from './feature.js';
import { importsFeature } from './imports/feature.js';
import { invoicesFeature } from './invoices/feature.js';
import { legalFeature } from './legal/feature.js';
import { registerWithdrawalRule } from './legal/withdrawal-case.js';
import { libraryFeature } from './library/feature.js';
import type { LibrarySection } from './library/library-section.js';
import { licensingFeature } from './licensing/feature.js';
import { membershipsFeature } from './memberships/feature.js';
import { newsletterFeature } from './newsletter/feature.js';
import { ordersFeature } from './orders/feature.js';
import { paymentsFeature } from './payments/feature.js';
import { podcastsFeature } from './podcasts/feature.js';
import { postsFeature } from './posts/feature.js';
import { privacyFeature } from './privacy/feature.js';
import type { PrivacyPart } from './privacy/privacy-part.js';
import { setupFeature } from './setup/feature.js';
import { shellFeature } from './shell/feature.js';
import { storeExportFeature } from './store-export/feature.js';
import { taxFeature } from './tax/feature.js';
import { webhooksFeature } from './webhooks/feature.js';

/**
 * Every feature of the app, in the order its routes are registered and its
 * order subscribers run. Entitlements are granted in this order too (a
 * delivery before its licence keys, those before a membership starts).
 */
export const features: readonly Feature[] = [
  shellFeature,
  setupFeature,
  authFeature,
  adminFeature,
  emailFeature,
  catalogFeature,
  checkoutFeature,
  paymentsFeature,
  deliveryFeature,
  libraryFeature,
  ordersFeature,
  discountsFeature,
  licensingFeature,
  taxFeature,
  invoicesFeature,
  exchangeRatesFeature,
  analyticsFeature,
  legalFeature,
  privacyFeature,
  membershipsFeature,
  newsletterFeature,
  postsFeature,
  coursesFeature,
  courseVideoFeature,
  courseQuizzesFeature,
  certificatesFeature,
  courseQuestionsFeature,
  eventsFeature,
  bookingsFeature,
  podcastsFeature,
  webhooksFeature,
  apiFeature,
  storeExportFeature,
  importsFeature,
  affiliatesFeature,
  affiliatePayoutsFeature,
];

// The texts of every feature, before anything is rendered (loading this list is what the app, worker and CLI do first).
registerMessages(features.flatMap((f) => (f.messages ? [f.messages] : [])));
registerEmailTemplates(features.flatMap((f) => (f.emailTemplates ? [f.emailTemplates] : [])));
// What a product kind asks the buyer at checkout, and the withdrawal rule it sets instead of its VAT category's.
registerCheckoutChoices(features.flatMap((f) => (f.checkoutChoice ? [f.checkoutChoice] : [])));
for (const { checkoutChoice: c } of features) if (c?.withdrawal) registerWithdrawalRule(c.kind, c.withdrawal);

/** The order core with what the features plug into it: subscribers, entitlements, fulfilment gates. */
export function orderCoreOf(list: readonly Feature[] = features): OrderCore {
  return createOrderCore({
    subscribers: list.flatMap((f) => (f.orders ? [f.orders] : [])),
    entitlements: list.flatMap((f) => f.entitlements ?? []),
    gates: list.flatMap((f) => f.fulfilmentGates ?? []),
  });
}

/** The admin navigation: every feature's links plus the app's own (the job queue), by position. */
export function adminNavOf(list: readonly Feature[] = features): AdminNavEntry[] {
  const own: AdminNavEntry[] = [{ href: '/admin/jobs', label: 'admin.nav.jobs', position: 150 }];
  return [...own, ...list.flatMap((f) => f.adminNav ?? [])].sort((a, b) => a.position - b.position);
}

/** Every feature's share of a GDPR export or erasure, in the list's order. */
export function privacyPartsOf(list: readonly Feature[] = features): PrivacyPart[] {
  return list.flatMap((f) => (f.privacy ? [f.privacy] : []));
}

/** Every feature's demo content, in the list's order (products before the licensed product that extends them). */
export function demoContentOf(list: readonly Feature[] = features): DemoContent[] {
  return list.flatMap((f) => (f.demo ? [f.demo] : []));
}

/** Every feature's section of the public product page, in the list's order. */
export function productSectionsOf(list: readonly Feature[] = features): ProductSection[] {
  return list.flatMap((f) => (f.productSection ? [f.productSection] : []));
}

/** Every feature's section of the customer library, in the list's order. */
export function librarySectionsOf(list: readonly Feature[] = features): LibrarySection[] {
  return list.flatMap((f) => (f.librarySection ? [f.librarySection] : []));
}
