import type { PrivacyPart } from '../privacy/privacy-part.js';

/** Feeds and purchases under the subject's address. */
export const podcastsPrivacyPart: PrivacyPart = {};
