import type { Services } from '../../../services.js';
import { stripeClient } from './stripe-client.js';
import { loadStripeSettings } from './stripe-settings.js';

export type Amount = { amountMinor: number; currency: string };

export type ConnectionCheck =
  | {
      ok: true;
      accountId: string;
      name: string;
      country: string;
      chargesEnabled: boolean;
      livemode: boolean;
      available: Amount[];
      pending: Amount[];
    }
  | { ok: false; reason: 'not-connected' | 'unauthorized' | 'unreachable' | 'error'; message: string };

const amounts = (list: { amount: number; currency: string }[]) =>
  list.map((b) => ({ amountMinor: b.amount, currency: b.currency.toUpperCase() }));

/** The admin's "check connection": reads the account and its balance with the stored secret key. */
export async function checkStripeConnection(services: Services): Promise<ConnectionCheck> {
  const settings = await loadStripeSettings(services.database.db, services.config);
  if (settings.kind !== 'ok') return { ok: false, reason: 'not-connected', message: settings.kind };
  const stripe = stripeClient(settings.keys.secretKey, services.config.stripeApiBase);
  try {
    const [account, balance] = await Promise.all([stripe.accounts.retrieveCurrent(), stripe.balance.retrieve()]);
    return {
      ok: true,
      accountId: account.id,
      name: account.business_profile?.name ?? account.settings?.dashboard?.display_name ?? account.email ?? '',
      country: account.country ?? '',
      chargesEnabled: account.charges_enabled,
      livemode: balance.livemode,
      available: amounts(balance.available),
      pending: amounts(balance.pending),
    };
  } catch (err) {
    const e = err as { type?: string; message?: string };
    services.log.warn({ err }, 'Stripe connection check failed');
    const reason =
      e.type === 'StripeAuthenticationError' || e.type === 'StripePermissionError'
        ? 'unauthorized'
        : e.type === 'StripeConnectionError'
          ? 'unreachable'
          : 'error';
    return { ok: false, reason, message: String(e.message ?? err).slice(0, 300) };
  }
}
