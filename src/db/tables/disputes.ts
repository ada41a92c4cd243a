import type { Generated, Selectable } from 'kysely';

/** Payment disputes and the test provider's refunds. */

export type DisputeStatus = 'open' | 'won' | 'lost';

/** An order's dispute (one per order: a payment can be disputed once), as the provider last reported it. */
export interface OrderDisputesTable {
  order_id: string;
  provider: string;
  dispute_ref: string;
  status: DisputeStatus;
  amount_minor: number;
  reason: Generated<string>;
  /** The revocation the dispute caused; a dispute won lifts exactly that one. */
  access_revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

export type OrderDispute = Selectable<OrderDisputesTable>;

/** The test provider's refunds; the id is derived from the idempotency key, so a repeated request refunds once. */
export interface TestPaymentRefundsTable {
  id: string;
  session_id: string;
  amount_minor: number;
  created_at: string;
}
