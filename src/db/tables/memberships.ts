import type { ColumnType, Generated, Selectable } from 'kysely';

/** Membership tiers, members, their consents, subscriptions and billing history. */

export interface MembershipTiersTable {
  id: string;
  slug: string;
  name: string;
  description_md: Generated<string>;
  /** JSON array of strings: the benefits listed on the membership page. */
  benefits: Generated<string>;
  /** 1: the free tier every confirmed member belongs to (at most one active). */
  is_free: Generated<number>;
  /** Paid tiers: the product (kind 'membership') each billing period's order is made of. */
  product_id: string | null;
  currency: string;
  /** null: this interval is not offered. */
  monthly_price_minor: number | null;
  yearly_price_minor: number | null;
  position: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/**
 * Whether the member receives emails: 'pending' until the double opt-in is
 * confirmed, 'unsubscribed' after opting out, 'bounced' after a hard bounce.
 * Web access to paid tiers does not depend on it.
 */
export type MemberEmailStatus = 'pending' | 'subscribed' | 'unsubscribed' | 'bounced';
export type MemberSource = 'signup' | 'import' | 'checkout' | 'admin';

export interface MembersTable {
  id: string;
  /** Normalised (trimmed, lower-case); UNIQUE. Matches the customer library's sign-in email. */
  email: string;
  name: Generated<string>;
  locale: string;
  customer_id: string | null;
  email_status: MemberEmailStatus;
  source: MemberSource;
  created_at: string;
  /** Double opt-in confirmed (or an equivalent proof, e.g. an imported consent). */
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  updated_at: string;
}

/** The proof of consent: when, from where, and exactly which text in which version. */
export interface MemberConsentsTable {
  id: string;
  member_id: string;
  /** 'newsletter' */
  purpose: string;
  text: string;
  text_version: string;
  locale: string;
  ip: string | null;
  user_agent: string | null;
  source: MemberSource;
  given_at: string;
  confirmed_at: string | null;
  withdrawn_at: string | null;
}

/** Emailed single-use tokens (id = sha256 of the token): 'confirm' (double opt-in), 'cancel' (subscription). */
export interface MemberTokensTable {
  id: string;
  member_id: string;
  purpose: string;
  /** What the token acts on, e.g. the subscription to cancel. */
  subject_id: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/**
 * 'incomplete': created, first payment not yet made (no access);
 * 'active' (cancel_at_period_end 1: canceled at period end, access until it);
 * 'past_due': a renewal failed, retries running, access kept until access_until;
 * 'expired': ended (canceled period over, retries exhausted, or ended by the admin).
 */
export type SubscriptionStatus = 'incomplete' | 'active' | 'past_due' | 'expired';
export type BillingInterval = 'month' | 'year';

export interface SubscriptionsTable {
  id: string;
  member_id: string;
  tier_id: string;
  interval: BillingInterval;
  status: SubscriptionStatus;
  cancel_at_period_end: Generated<number>;
  price_minor: number;
  currency: string;
  /** 'test' or 'stripe'. */
  provider: string;
  /** The provider's subscription id; UNIQUE. */
  provider_ref: string | null;
  current_period_start: string | null;
  current_period_end: string | null;
  /**
   * Access is granted while status is 'active' or 'past_due' AND access_until
   * lies in the future (see memberships/access.ts): a late expiry job never
   * extends access.
   */
  access_until: string | null;
  failed_payments: Generated<number>;
  created_at: string;
  updated_at: string;
  canceled_at: string | null;
  ended_at: string | null;
  /** A tier change waiting for the next renewal (test provider; Stripe changes at once). */
  pending_tier_id: ColumnType<string | null, string | null | undefined, string | null>;
  pending_interval: ColumnType<BillingInterval | null, BillingInterval | null | undefined, BillingInterval | null>;
  /** Stripe: the customer id. */
  provider_customer: ColumnType<string | null, string | null | undefined, string | null>;
  /** The checkout that started it (test session or Stripe Checkout Session). */
  checkout_ref: ColumnType<string | null, string | null | undefined, string | null>;
  /** Test provider only: what its "card" answers to renewal charges ('pay' or 'decline'). */
  test_renewals: Generated<string>;
  /** The buyer's VAT inputs from subscribe (ISO country, verified VAT ID, address JSON); each period's order decides from them. */
  billing_country: ColumnType<string | null, string | null | undefined, string | null>;
  buyer_vat_id: ColumnType<string | null, string | null | undefined, string | null>;
  billing_address: ColumnType<string | null, string | null | undefined, string | null>;
  vies_check_id: ColumnType<string | null, string | null | undefined, string | null>;
  tax_evidence: ColumnType<string | null, string | null | undefined, string | null>;
  /** Adopted from an import (a Stripe subscription the old platform billed): Stripe's invoices before it make no orders. */
  adopted_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export type SubscriptionPaymentStatus = 'pending' | 'paid' | 'failed';

/** Billing history: one row per billing period (UNIQUE subscription + period_start: charged once). */
export interface SubscriptionPaymentsTable {
  id: string;
  subscription_id: string;
  period_start: string;
  period_end: string;
  amount_minor: number;
  currency: string;
  status: SubscriptionPaymentStatus;
  /** The order made for this period once paid (invoice, receipt, analytics). */
  order_id: string | null;
  provider_ref: string | null;
  attempts: Generated<number>;
  failure_reason: string | null;
  created_at: string;
  updated_at: string;
}

export type MembershipTier = Selectable<MembershipTiersTable>;
export type Member = Selectable<MembersTable>;
export type Subscription = Selectable<SubscriptionsTable>;
export type SubscriptionPayment = Selectable<SubscriptionPaymentsTable>;

export type CancellationKind = 'ordinary' | 'extraordinary';

/** § 312k BGB: every cancellation declaration as received (the time of receipt is what the law asks for). */
export interface CancellationRequestsTable {
  id: string;
  /** As typed, normalised. Stored whether or not it has a subscription; never shown on the page. */
  email: string;
  member_id: string | null;
  /** Which contract the person named (free text or a subscription id), if any. */
  subscription_ref: string | null;
  kind: CancellationKind;
  reason: Generated<string>;
  /** The end date asked for (YYYY-MM-DD), if any; ordinary cancellations end at the period end. */
  requested_end: string | null;
  subscriptions_canceled: Generated<number>;
  locale: string;
  ip: string | null;
  received_at: string;
}
