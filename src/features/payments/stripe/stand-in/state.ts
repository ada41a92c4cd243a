import { randomBytes } from 'node:crypto';

/**
 * Test-only: the objects a small Stripe account holds — Checkout Sessions,
 * payment intents, charges, refunds, disputes — shaped like Stripe's own (the
 * fields we read, and a few more), plus the "dashboard" actions a test plays:
 * the buyer pays, a SEPA debit fails later, the seller refunds, the bank
 * disputes. Plain JSON objects, so the HTTP side returns them as Stripe would.
 */
export type Obj = Record<string, unknown> & { id: string };

const now = () => Math.floor(Date.now() / 1000);
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * How a test card is booked: the card's country (null: a payment without
 * one), whether the balance transaction exists at once or only later
 * (`bookCharge`, as with asynchronous capture), and the balance currency with
 * the rate from the charge's currency (Stripe converts into the account's
 * settlement currency). Defaults: Stripe's test card 4242 (US), booked at
 * once in the charge's own currency.
 */
export type CardOptions = {
  cardCountry?: string | null;
  booked?: boolean;
  balanceCurrency?: string;
  exchangeRate?: number;
};

/** Stripe's European card price as a stand-in fee: 1.5 % + 25 minor units of the balance currency. */
export function standInFee(amount: number): number {
  return Math.round(amount * 0.015) + 25;
}

export class StandInState {
  readonly sessions = new Map<string, Obj>();
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly disputes = new Map<string, Obj>();
  readonly balanceTransactions = new Map<string, Obj>();
  /** How each charge is to be booked, until it is. */
  private readonly booking = new Map<string, CardOptions>();

  createSession(params: Record<string, unknown>): Obj {
    const lines = (params.line_items as Record<string, unknown>[] | undefined) ?? [];
    const total = lines.reduce((sum, l) => {
      const price = l.price_data as { unit_amount: string };
      return sum + Number(price.unit_amount) * Number(l.quantity ?? 1);
    }, 0);
    const currency = (lines[0]?.price_data as { currency?: string } | undefined)?.currency ?? 'eur';
    const id = newId('cs_test');
    const session: Obj = {
      id,
      object: 'checkout.session',
      mode: params.mode ?? 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: total,
      amount_total: total,
      currency,
      customer_email: params.customer_email ?? null,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      locale: params.locale ?? null,
      subscription: null,
      // Subscription mode: what the subscription is made of when the session is paid (not part of Stripe's object).
      line_items_params: params.mode === 'subscription' ? lines : undefined,
      subscription_data_params: params.subscription_data,
      payment_intent: null,
      success_url: params.success_url,
      cancel_url: params.cancel_url,
      expires_at: Number(params.expires_at ?? now() + 86400),
      created: now(),
      livemode: false,
      url: `https://checkout.stripe.com/c/pay/${id}`,
    };
    this.sessions.set(id, session);
    return session;
  }

  session(id: string): Obj {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`stand-in: no session ${id}`);
    return s;
  }

  /** The buyer completes the checkout. `async`: a delayed method (SEPA debit) that settles later. */
  pay(sessionId: string, opts: { async?: boolean } & CardOptions = {}): { session: Obj; intent: Obj; charge: Obj } {
    const session = this.session(sessionId);
    const amount = session.amount_total as number;
    const currency = session.currency as string;
    const intentId = newId('pi');
    const charge: Obj = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: opts.async ? 0 : amount,
      amount_refunded: 0,
      currency,
      paid: !opts.async,
      captured: !opts.async,
      status: opts.async ? 'pending' : 'succeeded',
      refunded: false,
      disputed: false,
      payment_intent: intentId,
      failure_code: null,
      failure_message: null,
      metadata: {},
      balance_transaction: null,
      payment_method_details: opts.async ? sepaDetails() : cardDetails(opts.cardCountry),
      created: now(),
      livemode: false,
    };
    const intent: Obj = {
      id: intentId,
      object: 'payment_intent',
      amount,
      currency,
      status: opts.async ? 'processing' : 'succeeded',
      latest_charge: charge.id,
      last_payment_error: null,
      metadata: session.metadata,
      created: now(),
      livemode: false,
    };
    this.charges.set(charge.id, charge);
    this.intents.set(intentId, intent);
    this.booking.set(charge.id, opts);
    if (!opts.async && opts.booked !== false) this.bookCharge(charge.id);
    Object.assign(session, {
      status: 'complete',
      payment_status: opts.async ? 'unpaid' : 'paid',
      payment_intent: intentId,
    });
    return { session, intent, charge };
  }

  /**
   * Stripe books the charge: its balance transaction (fee and net in the
   * balance currency) appears on it. A second call changes nothing.
   */
  bookCharge(chargeId: string): Obj {
    const charge = this.charges.get(chargeId);
    if (!charge) throw new Error(`stand-in: no charge ${chargeId}`);
    const known =
      typeof charge.balance_transaction === 'string' && this.balanceTransactions.get(charge.balance_transaction);
    if (known) return known;
    const opts = this.booking.get(chargeId) ?? {};
    const currency = opts.balanceCurrency ?? (charge.currency as string);
    const rate = opts.balanceCurrency ? (opts.exchangeRate ?? 1) : null;
    const amount = Math.round((charge.amount as number) * (rate ?? 1));
    const fee = standInFee(amount);
    const txn: Obj = {
      id: newId('txn'),
      object: 'balance_transaction',
      amount,
      currency,
      exchange_rate: rate,
      fee,
      fee_details: [{ amount: fee, currency, type: 'stripe_fee', description: 'Stripe processing fees' }],
      net: amount - fee,
      source: chargeId,
      status: 'pending',
      type: 'charge',
      reporting_category: 'charge',
      available_on: now() + 2 * 86400,
      created: now(),
    };
    this.balanceTransactions.set(txn.id, txn);
    charge.balance_transaction = txn.id;
    return txn;
  }

  /** The charge of a payment intent (tests look at it). */
  chargeOf(paymentIntentId: string): Obj {
    const intent = this.intents.get(paymentIntentId);
    const charge = intent && this.charges.get(intent.latest_charge as string);
    if (!charge) throw new Error(`stand-in: no charge for ${paymentIntentId}`);
    return charge;
  }

  /** A payment made off-session (a subscription's invoice): a succeeded intent and its charge. */
  chargeNow(
    amount: number,
    currency: string,
    metadata: unknown = {},
    opts: CardOptions = {},
  ): { intent: Obj; charge: Obj } {
    const intentId = newId('pi');
    const charge: Obj = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      currency,
      paid: true,
      captured: true,
      status: 'succeeded',
      refunded: false,
      disputed: false,
      payment_intent: intentId,
      failure_code: null,
      failure_message: null,
      metadata: {},
      balance_transaction: null,
      payment_method_details: cardDetails(opts.cardCountry),
      created: now(),
      livemode: false,
    };
    const intent: Obj = {
      id: intentId,
      object: 'payment_intent',
      amount,
      currency,
      status: 'succeeded',
      latest_charge: charge.id,
      last_payment_error: null,
      metadata,
      created: now(),
      livemode: false,
    };
    this.charges.set(charge.id, charge);
    this.intents.set(intentId, intent);
    this.booking.set(charge.id, opts);
    if (opts.booked !== false) this.bookCharge(charge.id);
    return { intent, charge };
  }

  /** A delayed payment settles: the money arrived, or the debit bounced after the buyer left. */
  settle(sessionId: string, ok: boolean): { session: Obj; intent: Obj; charge: Obj } {
    const session = this.session(sessionId);
    const intent = this.intents.get(session.payment_intent as string)!;
    const charge = this.charges.get(intent.latest_charge as string)!;
    if (ok) {
      Object.assign(charge, { status: 'succeeded', paid: true, captured: true, amount_captured: charge.amount });
      intent.status = 'succeeded';
      session.payment_status = 'paid';
      if (this.booking.get(charge.id)?.booked !== false) this.bookCharge(charge.id);
    } else {
      Object.assign(charge, {
        status: 'failed',
        failure_code: 'insufficient_funds',
        failure_message: 'Insufficient funds',
      });
      Object.assign(intent, { status: 'requires_payment_method', last_payment_error: { code: 'insufficient_funds' } });
    }
    return { session, intent, charge };
  }

  /** A refund, from our API call or the dashboard; the charge keeps the running total. */
  refund(paymentIntentId: string, amount: number | undefined, metadata: unknown = {}): Obj {
    const intent = this.intents.get(paymentIntentId);
    const charge = intent ? this.charges.get(intent.latest_charge as string) : undefined;
    if (!intent || !charge || charge.status !== 'succeeded') throw new StandInError(400, 'charge is not refundable');
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    const value = amount ?? left;
    if (value <= 0 || value > left)
      throw new StandInError(400, `Refund amount (${value}) is greater than unrefunded amount on charge (${left})`);
    const refund: Obj = {
      id: newId('re'),
      object: 'refund',
      amount: value,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: 'succeeded',
      metadata,
      created: now(),
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded = (charge.amount_refunded as number) + value;
    charge.refunded = charge.amount_refunded === charge.amount;
    return refund;
  }

  /** The buyer's bank opens a dispute (chargeback) on the payment. */
  openDispute(paymentIntentId: string, status = 'needs_response'): Obj {
    const intent = this.intents.get(paymentIntentId)!;
    const charge = this.charges.get(intent.latest_charge as string)!;
    const dispute: Obj = {
      id: newId('dp'),
      object: 'dispute',
      amount: charge.amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status,
      reason: 'fraudulent',
      created: now(),
      livemode: false,
    };
    this.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    return dispute;
  }

  closeDispute(disputeId: string, status: 'won' | 'lost'): Obj {
    const dispute = this.disputes.get(disputeId)!;
    dispute.status = status;
    return dispute;
  }

  /** A copy of `object` with the given dotted paths expanded, as `expand[]` does. */
  expand(object: Obj, paths: string[]): Obj {
    const copy: Obj = structuredClone(object);
    for (const path of paths) this.expandPath(copy, path.split('.'));
    return copy;
  }

  private expandPath(object: Record<string, unknown>, path: string[]): void {
    const [head, ...rest] = path;
    if (!head) return;
    if (head === 'data' && Array.isArray(object.data)) {
      for (const item of object.data) this.expandPath(item as Record<string, unknown>, rest);
      return;
    }
    const value = object[head];
    if (typeof value === 'string') {
      const found =
        this.intents.get(value) ??
        this.charges.get(value) ??
        this.sessions.get(value) ??
        this.balanceTransactions.get(value);
      if (found) object[head] = structuredClone(found);
    }
    const next = object[head];
    if (next && typeof next === 'object' && rest.length) this.expandPath(next as Record<string, unknown>, rest);
  }
}

/** A card payment's details as Stripe reports them (the fields we read, and a few more). */
function cardDetails(country: string | null | undefined): Record<string, unknown> {
  return {
    type: 'card',
    card: {
      brand: 'visa',
      country: country === undefined ? 'US' : country,
      exp_month: 12,
      exp_year: 2034,
      funding: 'credit',
      last4: '4242',
      network: 'visa',
    },
  };
}

/** A SEPA debit: no card, so no card country. */
function sepaDetails(): Record<string, unknown> {
  return { type: 'sepa_debit', sepa_debit: { country: 'DE', last4: '3000' } };
}

export class StandInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

/** A Stripe event around a snapshot of `object`, as webhooks deliver it. */
export function stripeEvent(type: string, object: Obj, id = newId('evt')): Obj {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: now(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
