import type Stripe from 'stripe';
import type { ProviderPaymentDetails } from '../provider.js';

/** Expand paths that bring a charge's fee (its balance transaction) along with the payment. */
export const CHARGE_WITH_FEE = 'latest_charge.balance_transaction';

/**
 * The card's country and Stripe's fee, from a charge with its balance
 * transaction expanded. Pure. The fee is in the balance transaction's
 * currency (the account's settlement currency), taken as given; it is
 * missing while Stripe has not booked the charge yet (asynchronous capture,
 * or a debit still on its way), and a later re-read fills it.
 */
export function detailsOfCharge(charge: Stripe.Charge | null | undefined): ProviderPaymentDetails | undefined {
  if (!charge) return undefined;
  const country = charge.payment_method_details?.card?.country ?? undefined;
  const bt = charge.balance_transaction;
  const fee =
    bt && typeof bt === 'object' && typeof bt.fee === 'number'
      ? { amountMinor: bt.fee, currency: bt.currency.toUpperCase(), netMinor: bt.net, ref: bt.id }
      : undefined;
  if (!country && !fee) return undefined;
  return { cardCountry: country, fee };
}
