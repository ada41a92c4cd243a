import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-catalog-orders.js';
import * as m0003 from './0003-test-payments.js';
import * as m0004 from './0004-licensing.js';
import * as m0005 from './0005-stripe.js';
import * as m0006 from './0006-legal.js';
import * as m0007 from './0007-tax-invoices.js';
import * as m0008 from './0008-analytics.js';
import * as m0009 from './0009-memberships.js';
import * as m0010 from './0010-checkout-tax.js';
import * as m0011 from './0011-membership-billing.js';
import * as m0012 from './0012-newsletter.js';
import * as m0013 from './0013-membership-tax.js';
import * as m0014 from './0014-subscription-analytics.js';
import * as m0016 from './0016-payment-details.js';
import * as m0017 from './0017-exchange-rates.js';
import * as m0018 from './0018-member-figures.js';
import * as m0019 from './0019-country-sales.js';
import * as m0020 from './0020-login-throttle.js';
import * as m0021 from './0021-withdrawal-confirmation.js';
import * as m0022 from './0022-content-version.js';
import * as m0023 from './0023-courses.js';
import * as m0024 from './0024-course-video.js';
import * as m0025 from './0025-course-quizzes.js';
import * as m0026 from './0026-certificates.js';
import * as m0027 from './0027-course-questions.js';
import * as m0028 from './0028-events.js';
import * as m0029 from './0029-email-calendar.js';
import * as m0030 from './0030-bookings.js';
import * as m0031 from './0031-podcasts.js';
import * as m0032 from './0032-webhooks.js';
import * as m0033 from './0033-api-tokens.js';
import * as m0034 from './0034-imports.js';
import * as m0035 from './0035-affiliates.js';
import * as m0036 from './0036-affiliate-payouts.js';
import * as m0038 from './0038-shared-state.js';
import * as m0039 from './0039-subscription-adoption.js';

/** Listed explicitly (no directory scanning): the order here is the order applied. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-catalog-orders': m0002,
  '0003-test-payments': m0003,
  '0004-licensing': m0004,
  '0005-stripe': m0005,
  '0006-legal': m0006,
  '0007-tax-invoices': m0007,
  '0008-analytics': m0008,
  '0009-memberships': m0009,
  '0010-checkout-tax': m0010,
  '0011-membership-billing': m0011,
  '0012-newsletter': m0012,
  '0013-membership-tax': m0013,
  '0014-subscription-analytics': m0014,
  '0016-payment-details': m0016,
  '0017-exchange-rates': m0017,
  '0018-member-figures': m0018,
  '0019-country-sales': m0019,
  '0020-login-throttle': m0020,
  '0021-withdrawal-confirmation': m0021,
  '0022-content-version': m0022,
  '0023-courses': m0023,
  '0024-course-video': m0024,
  '0025-course-quizzes': m0025,
  '0026-certificates': m0026,
  '0027-course-questions': m0027,
  '0028-events': m0028,
  '0029-email-calendar': m0029,
  '0030-bookings': m0030,
  '0031-podcasts': m0031,
  '0032-webhooks': m0032,
  '0033-api-tokens': m0033,
  '0034-imports': m0034,
  '0035-affiliates': m0035,
  '0036-affiliate-payouts': m0036,
  '0038-shared-state': m0038,
  '0039-subscription-adoption': m0039,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
