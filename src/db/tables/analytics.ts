import type { Generated } from 'kysely';

/** Leverage analytics: daily aggregates, visits, effort and 1:1 work. */

/** What the daily aggregates already hold of an order: makes their upkeep idempotent. */
export interface AnalyticsOrdersTable {
  order_id: string;
  currency: string;
  counted_gross_minor: number;
  counted_refunded_minor: Generated<number>;
  /** The payment fee already counted (null: not yet known) and its currency. */
  counted_fee_minor: Generated<number | null>;
  counted_fee_currency: Generated<string | null>;
  /** The country in daily_country_sales (UNKNOWN_COUNTRY when none); null: counted before that table existed. */
  counted_country: Generated<string | null>;
}

/** What the daily subscription flows already hold of a subscription: makes their upkeep convergent. */
export interface AnalyticsSubscriptionsTable {
  subscription_id: string;
  currency: string;
  interval: string;
  price_minor: number;
  /** Store-local day its first period began (null: never paid), and the day it ended (null: still counted). */
  start_day: string | null;
  end_day: string | null;
}

/** Paid subscriptions that began and ended per store-local day and currency: MRR history without scanning them. */
export interface DailySubscriptionFlowsTable {
  day: string;
  currency: string;
  start_monthly_minor: Generated<number>;
  start_yearly_minor: Generated<number>;
  starts: Generated<number>;
  end_monthly_minor: Generated<number>;
  end_yearly_minor: Generated<number>;
  ends: Generated<number>;
}

/** A customer's first paid order, so "new customers" per day counts each person once. */
export interface AnalyticsCustomersTable {
  customer_id: string;
  first_paid_at: string;
}

/** Sales per store-local day and currency; refunds count on the day they happen. */
export interface DailySalesTable {
  day: string;
  currency: string;
  gross_minor: Generated<number>;
  refunded_minor: Generated<number>;
  /** VAT included in gross_minor, and in refunded_minor. */
  tax_minor: Generated<number>;
  refunded_tax_minor: Generated<number>;
  orders: Generated<number>;
  refunds: Generated<number>;
  new_customers: Generated<number>;
  /**
   * Payment fees of the day's sales that were charged in this currency, and
   * how many orders they are; `foreign_fee_orders`: orders whose fee is known
   * but was charged in another currency (not subtracted anywhere).
   */
  fee_minor: Generated<number>;
  fee_orders: Generated<number>;
  foreign_fee_orders: Generated<number>;
}

export interface DailyProductSalesTable {
  day: string;
  product_id: string;
  currency: string;
  gross_minor: Generated<number>;
  refunded_minor: Generated<number>;
  /** VAT included in gross_minor, and in refunded_minor. */
  tax_minor: Generated<number>;
  refunded_tax_minor: Generated<number>;
  orders: Generated<number>;
  units: Generated<number>;
  /** The product's share of its orders' payment fees (in this currency), rounded down per item. */
  fee_minor: Generated<number>;
}

/**
 * Sales per store-local day, buyer's billing country (as when paid) and
 * currency; 'ZZ' (UNKNOWN_COUNTRY) for orders without one. Refunds count on
 * the day they happen, under the sale's country.
 */
export interface DailyCountrySalesTable {
  day: string;
  country: string;
  currency: string;
  gross_minor: Generated<number>;
  refunded_minor: Generated<number>;
  /** VAT included in gross_minor, and in refunded_minor. */
  tax_minor: Generated<number>;
  refunded_tax_minor: Generated<number>;
  orders: Generated<number>;
  refunds: Generated<number>;
}

/** Unique visitors of a product page per day, by referrer host and UTM campaign ('' when none). */
export interface DailyViewsTable {
  day: string;
  product_id: string;
  referrer: string;
  campaign: string;
  visitors: Generated<number>;
}

export interface DailyCheckoutsTable {
  day: string;
  product_id: string;
  started: Generated<number>;
}

/** Today's salted visitor hashes (never an IP address); emptied when the daily salt rotates. */
export interface AnalyticsSeenTable {
  day: string;
  visitor: string;
  kind: string;
  product_id: string;
}

/** 'delivery': teaching live (an event's session, recorded by itself when the session has been held). */
export type EffortCategory = 'creation' | 'update' | 'support' | 'delivery';

/** Time the creator spent on a product, in whole minutes. */
export interface EffortEntriesTable {
  id: string;
  product_id: string;
  day: string;
  minutes: number;
  category: EffortCategory;
  note: Generated<string>;
  created_at: string;
}

/** 1:1 work: hours and what they were paid, side by side with the products. */
export interface ClientWorkTable {
  id: string;
  day: string;
  minutes: number;
  amount_minor: number;
  currency: string;
  note: Generated<string>;
  created_at: string;
}

export type LeaveKind = 'holiday' | 'sick';

export interface LeavePeriodsTable {
  id: string;
  start_day: string;
  end_day: string;
  kind: LeaveKind;
  note: Generated<string>;
  created_at: string;
}
