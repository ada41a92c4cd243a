import { isMessageKey, type Translate } from '../../web/messages.js';

/** A payment provider's name for people ("Test provider", "Stripe"); an unknown one as stored. */
export function providerLabel(t: Translate, provider: string | null | undefined): string {
  if (!provider) return '–';
  const key = `payments.provider.${provider}`;
  return isMessageKey(key) ? t(key) : provider;
}
