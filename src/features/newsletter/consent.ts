import type { Locale } from '../../web/i18n.js';
import { translator } from '../../web/messages.js';

/**
 * The consent text shown next to the sign-up checkbox. What is stored with
 * each consent is exactly this text (with the store name filled in) and its
 * version; change the version whenever the text changes.
 */
export const NEWSLETTER_CONSENT_VERSION = 'newsletter-2026-11';
export const NEWSLETTER_PURPOSE = 'newsletter';

export function newsletterConsentText(locale: Locale, storeName: string): string {
  return translator(locale)('newsletter.consent.text', { store: storeName });
}
