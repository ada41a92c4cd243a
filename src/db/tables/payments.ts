import type { Generated, Selectable } from 'kysely';

/** What the payment provider reported about a paid order beyond its status. */
export interface OrderPaymentDetailsTable {
  order_id: string;
  provider: string;
  /** ISO 3166-1 alpha-2 country of the card's issuer; null: not a card payment, or not reported. */
  card_country: string | null;
  /** The provider's fee in `fee_currency` (Stripe: the balance's settlement currency); null while unknown. */
  fee_minor: number | null;
  fee_currency: string | null;
  /** What reached the seller's balance for this payment, in `fee_currency` (before refunds and disputes). */
  net_minor: number | null;
  /** The provider's record of the fee (Stripe: the balance transaction `txn_…`). */
  balance_ref: string | null;
  /** How often the fee was asked for since the payment; the asking stops after a few tries. */
  fee_lookups: Generated<number>;
  fee_looked_at: string | null;
  created_at: string;
  updated_at: string;
}

export type OrderPaymentDetails = Selectable<OrderPaymentDetailsTable>;
