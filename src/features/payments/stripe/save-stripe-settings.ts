import type { Services } from '../../../services.js';
import { recordAudit } from '../../admin/audit.js';
import {
  isLiveKey,
  loadStripeSettings,
  maskKey,
  PUBLISHABLE_KEY_PATTERN,
  SECRET_KEY_PATTERN,
  type StripeKeysInput,
  saveStripeKeys,
  WEBHOOK_SECRET_PATTERN,
} from './stripe-settings.js';

export type StripeField = keyof StripeKeysInput;
export type StripeFieldError = 'required' | 'format' | 'mode-mismatch';
export type SaveStripeResult = { ok: true } | { ok: false; errors: Partial<Record<StripeField, StripeFieldError>> };

export type SaveStripeSettingsOptions = { services: Services; input: StripeKeysInput; actor: string };

/**
 * Stores the Stripe keys (sealed) after checking their form: secret and
 * publishable key of the same mode, a webhook signing secret. A secret left
 * empty keeps the stored one. From then on new checkouts go through Stripe.
 */
export async function saveStripeSettings({
  services,
  input,
  actor,
}: SaveStripeSettingsOptions): Promise<SaveStripeResult> {
  const { db } = services.database;
  const stored = await loadStripeSettings(db, services.config);
  const kept = stored.kind === 'ok' ? stored.keys : undefined;
  const errors: Partial<Record<StripeField, StripeFieldError>> = {};
  const secretKey = input.secretKey || kept?.secretKey || '';
  const webhookSecret = input.webhookSecret || kept?.webhookSecret || '';
  if (!secretKey) errors.secretKey = 'required';
  else if (!SECRET_KEY_PATTERN.test(secretKey)) errors.secretKey = 'format';
  if (!input.publishableKey) errors.publishableKey = 'required';
  else if (!PUBLISHABLE_KEY_PATTERN.test(input.publishableKey)) errors.publishableKey = 'format';
  else if (!errors.secretKey && isLiveKey(secretKey) !== isLiveKey(input.publishableKey))
    errors.publishableKey = 'mode-mismatch';
  if (!webhookSecret) errors.webhookSecret = 'required';
  else if (!WEBHOOK_SECRET_PATTERN.test(webhookSecret)) errors.webhookSecret = 'format';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  await saveStripeKeys(db, services.config, input);
  await recordAudit(db, actor, 'payments.stripe.saved', {
    mode: isLiveKey(secretKey) ? 'live' : 'test',
    secretKey: maskKey(secretKey),
    publishableKey: maskKey(input.publishableKey),
  });
  return { ok: true };
}
