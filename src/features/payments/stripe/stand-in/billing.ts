import { type CardOptions, newId, type Obj, StandInError, type StandInState } from './state.js';

/**
 * Test-only: Stripe Billing in the stand-in — subscriptions made by a
 * Checkout Session in subscription mode, their invoices, renewals that are
 * paid or fail, and cancellation. Objects follow the current API shape: the
 * period lives on the subscription item, the subscription of an invoice in
 * `parent.subscription_details`.
 */
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86400;

export class StandInBilling {
  readonly subscriptions = new Map<string, Obj>();
  readonly invoices = new Map<string, Obj>();
  /** Invoice payments (the link from an invoice to the payment intent that paid it), by invoice id. */
  readonly invoicePayments = new Map<string, Obj>();
  /** How the next paid invoices' charges are booked (card country, fee now or later, balance currency). */
  chargeOptions: CardOptions = {};

  /** `state`: where the payment intents and charges of paid invoices live (refunds and disputes find them there). */
  constructor(private readonly state: StandInState) {}

  /** The subscriber completes a subscription-mode session: customer, subscription and a paid first invoice. */
  paySubscriptionSession(session: Obj): { subscription: Obj; invoice: Obj } {
    if (session.mode !== 'subscription') throw new StandInError(400, 'not a subscription session');
    const line = (session.line_items_params as Record<string, unknown>[] | undefined)?.[0] ?? {};
    const price = (line.price_data ?? {}) as {
      unit_amount?: string;
      currency?: string;
      recurring?: { interval?: string };
    };
    const interval = price.recurring?.interval === 'year' ? 'year' : 'month';
    const start = now();
    const subscription: Obj = {
      id: newId('sub'),
      object: 'subscription',
      status: 'active',
      customer: newId('cus'),
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      metadata: (session.subscription_data_params as { metadata?: unknown } | undefined)?.metadata ?? {},
      items: {
        object: 'list',
        data: [
          {
            id: newId('si'),
            object: 'subscription_item',
            current_period_start: start,
            current_period_end: start + (interval === 'year' ? 365 : 30) * DAY,
            price: {
              id: newId('price'),
              object: 'price',
              unit_amount: Number(price.unit_amount ?? 0),
              currency: price.currency ?? 'eur',
              recurring: { interval },
            },
            quantity: 1,
          },
        ],
      },
      latest_invoice: null,
      created: start,
      livemode: false,
    };
    this.subscriptions.set(subscription.id, subscription);
    const invoice = this.makeInvoice(subscription, 'paid', 'subscription_create');
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscription.id });
    return { subscription, invoice };
  }

  private item(
    sub: Obj,
  ): Record<string, unknown> & { price: { unit_amount: number; currency: string; recurring: { interval: string } } } {
    return (sub.items as { data: never[] }).data[0]!;
  }

  private makeInvoice(sub: Obj, status: 'paid' | 'open', reason: string): Obj {
    const item = this.item(sub);
    const invoice: Obj = {
      id: newId('in'),
      object: 'invoice',
      status,
      billing_reason: reason,
      customer: sub.customer,
      currency: item.price.currency,
      amount_due: item.price.unit_amount,
      amount_paid: status === 'paid' ? item.price.unit_amount : 0,
      attempt_count: 1,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      lines: {
        object: 'list',
        data: [
          {
            id: newId('il'),
            object: 'line_item',
            amount: item.price.unit_amount,
            currency: item.price.currency,
            period: { start: item.current_period_start, end: item.current_period_end },
          },
        ],
      },
      created: now(),
      livemode: false,
    };
    this.invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    if (status === 'paid') this.recordPayment(invoice);
    return invoice;
  }

  private recordPayment(invoice: Obj): void {
    const { intent } = this.state.chargeNow(
      invoice.amount_paid as number,
      invoice.currency as string,
      {},
      this.chargeOptions,
    );
    this.invoicePayments.set(invoice.id, {
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: invoice.amount_paid,
      amount_requested: invoice.amount_due,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: intent.id },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: now() },
      created: now(),
    });
  }

  invoice(id: string): Obj {
    const inv = this.invoices.get(id);
    if (!inv) throw new StandInError(404, `No such invoice: '${id}'`);
    return inv;
  }

  /** `GET /v1/invoice_payments`: by invoice, or by the payment intent that paid one. */
  listInvoicePayments(q: Record<string, unknown>): Obj[] {
    const payment = q.payment as { payment_intent?: string } | undefined;
    return [...this.invoicePayments.values()].filter(
      (p) =>
        (!q.invoice || p.invoice === q.invoice) &&
        (!q.status || p.status === q.status) &&
        (!payment?.payment_intent ||
          (p.payment as { payment_intent: string }).payment_intent === payment.payment_intent),
    );
  }

  subscription(id: string): Obj {
    const s = this.subscriptions.get(id);
    if (!s) throw new StandInError(404, `No such subscription: '${id}'`);
    return s;
  }

  /** The period ends: Stripe charges the next one; `fail` leaves the invoice open and the subscription past due. */
  renew(id: string, opts: { fail?: boolean } = {}): { subscription: Obj; invoice: Obj } {
    const sub = this.subscription(id);
    const item = this.item(sub);
    if (!opts.fail || sub.status !== 'past_due') {
      const length = (item.current_period_end as number) - (item.current_period_start as number);
      item.current_period_start = item.current_period_end;
      item.current_period_end = (item.current_period_end as number) + length;
    }
    const invoice = this.makeInvoice(sub, opts.fail ? 'open' : 'paid', 'subscription_cycle');
    sub.status = opts.fail ? 'past_due' : 'active';
    return { subscription: sub, invoice };
  }

  /** Stripe gives up (or the subscription is canceled now): it ends. */
  end(id: string): Obj {
    const sub = this.subscription(id);
    Object.assign(sub, { status: 'canceled', ended_at: now(), canceled_at: sub.canceled_at ?? now() });
    return sub;
  }

  update(id: string, params: Record<string, unknown>): Obj {
    const sub = this.subscription(id);
    if (params.cancel_at_period_end !== undefined) {
      const cancel = params.cancel_at_period_end === 'true';
      Object.assign(sub, { cancel_at_period_end: cancel, canceled_at: cancel ? now() : null });
    }
    if (params.metadata && typeof params.metadata === 'object')
      sub.metadata = { ...(sub.metadata as object), ...params.metadata };
    return sub;
  }

  listInvoices(subscriptionId: string | undefined): Obj[] {
    return [...this.invoices.values()]
      .filter(
        (i) =>
          !subscriptionId ||
          (i.parent as { subscription_details: { subscription: string } }).subscription_details.subscription ===
            subscriptionId,
      )
      .reverse();
  }
}
