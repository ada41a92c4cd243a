import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type Stripe from 'stripe';
import { UnrelatedPaymentError } from '../provider.js';
import { checkoutExpiresAt, lineItemsFor } from './line-items.js';
import { disputeOf, stateOfSession } from './session-state.js';
import { parseStripeForm } from './stand-in/server.js';
import { referenceOf } from './stripe-events.js';
import { maskKey } from './stripe-settings.js';

const order = { currency: 'EUR', total_minor: 2249, number: '1042' };

describe('Stripe line items from our priced order', () => {
  test('one line per item at its discounted price, in Stripe’s lower-case currency', () => {
    assert.deepEqual(lineItemsFor(order, [{ title: 'Field Guide', quantity: 1, total_minor: 2249 }]), [
      { quantity: 1, price_data: { currency: 'eur', unit_amount: 2249, product_data: { name: 'Field Guide' } } },
    ]);
  });

  test('quantities that divide stay quantities; others become one line; a mismatch becomes one order line', () => {
    const items = [
      { title: 'Pack', quantity: 3, total_minor: 1500 },
      { title: 'Odd', quantity: 2, total_minor: 749 },
    ];
    const lines = lineItemsFor({ ...order, total_minor: 2249 }, items);
    assert.deepEqual(
      lines.map((l) => [l.price_data.product_data.name, l.quantity, l.price_data.unit_amount]),
      [
        ['Pack', 3, 500],
        ['Odd × 2', 1, 749],
      ],
    );
    const fallback = lineItemsFor({ ...order, total_minor: 999 }, items);
    assert.deepEqual(fallback, [
      { quantity: 1, price_data: { currency: 'eur', unit_amount: 999, product_data: { name: 'Order 1042' } } },
    ]);
    assert.equal(
      lineItemsFor({ ...order, currency: 'JPY', total_minor: 1500 }, [
        { title: 'Yen', quantity: 1, total_minor: 1500 },
      ])[0]?.price_data.currency,
      'jpy',
    );
  });

  test('the session expires with the order, within Stripe’s 30 minutes to 24 hours', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(checkoutExpiresAt(now, 120), now / 1000 + 7200);
    assert.equal(checkoutExpiresAt(now, 5), now / 1000 + 31 * 60);
    assert.equal(checkoutExpiresAt(now, 7 * 24 * 60), now / 1000 + 24 * 3600 - 60);
  });
});

function session(overrides: Partial<Record<string, unknown>> = {}): Stripe.Checkout.Session {
  return {
    id: 'cs_test_1',
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_total: 2249,
    currency: 'eur',
    metadata: { order_id: 'order-1' },
    client_reference_id: 'order-1',
    payment_intent: {
      id: 'pi_1',
      object: 'payment_intent',
      status: 'succeeded',
      last_payment_error: null,
      latest_charge: {
        id: 'ch_1',
        object: 'charge',
        amount_refunded: 0,
        status: 'succeeded',
        disputed: false,
        failure_code: null,
      },
    },
    ...overrides,
  } as unknown as Stripe.Checkout.Session;
}

describe('the payment state of a Checkout Session', () => {
  test('paid, with refunds so far and the dispute', () => {
    assert.deepEqual(stateOfSession(session()), {
      status: 'paid',
      amountMinor: 2249,
      currency: 'EUR',
      orderId: 'order-1',
      refundedMinor: 0,
      dispute: undefined,
      checkoutRef: 'cs_test_1',
    });
    const dispute = { id: 'dp_1', status: 'needs_response', amount: 2249, reason: 'fraudulent' } as Stripe.Dispute;
    const s = stateOfSession(session(), dispute);
    assert.deepEqual(s.status === 'paid' && s.dispute, {
      id: 'dp_1',
      status: 'open',
      amountMinor: 2249,
      reason: 'fraudulent',
    });
  });

  test('open, processing and expired are pending; a delayed method failing after completion is failed', () => {
    assert.equal(
      stateOfSession(session({ status: 'open', payment_status: 'unpaid', payment_intent: null })).status,
      'pending',
    );
    assert.equal(
      stateOfSession(session({ status: 'expired', payment_status: 'unpaid', payment_intent: null })).status,
      'pending',
    );
    const processing = session({
      payment_status: 'unpaid',
      payment_intent: { id: 'pi_2', status: 'processing', latest_charge: { id: 'ch_2', status: 'pending' } },
    });
    assert.equal(stateOfSession(processing).status, 'pending');
    const failed = session({
      payment_status: 'unpaid',
      payment_intent: {
        id: 'pi_3',
        status: 'requires_payment_method',
        last_payment_error: { code: 'insufficient_funds' },
        latest_charge: { id: 'ch_3', status: 'failed', failure_code: 'insufficient_funds' },
      },
    });
    assert.deepEqual(stateOfSession(failed), {
      status: 'failed',
      orderId: 'order-1',
      reason: 'insufficient_funds',
      checkoutRef: 'cs_test_1',
    });
    // A declined card while the buyer is still on Stripe's page is not a failed order: they may try another.
    const retrying = session({
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: { id: 'pi_4', status: 'requires_payment_method', latest_charge: null },
    });
    assert.equal(stateOfSession(retrying).status, 'pending');
  });

  test('sessions that are not ours are refused', () => {
    assert.throws(() => stateOfSession(session({ metadata: {}, client_reference_id: null })), UnrelatedPaymentError);
    assert.throws(() => stateOfSession(session({ mode: 'subscription' })), UnrelatedPaymentError);
  });

  test('dispute states: open while undecided, won when closed for the seller or withdrawn, lost', () => {
    const d = (status: string) => disputeOf({ id: 'dp', status, amount: 1, reason: 'x' } as Stripe.Dispute).status;
    assert.deepEqual(
      [
        'warning_needs_response',
        'needs_response',
        'under_review',
        'appeal_under_review',
        'won',
        'warning_closed',
        'prevented',
        'lost',
        'something_new',
      ].map(d),
      ['open', 'open', 'open', 'open', 'won', 'won', 'won', 'lost', 'open'],
    );
  });
});

describe('which events we act on', () => {
  const ev = (type: string, object: Record<string, unknown>) => ({ type, data: { object } }) as unknown as Stripe.Event;
  test('our sessions by id; charges and disputes by payment intent; everything else is dropped', () => {
    assert.equal(
      referenceOf(ev('checkout.session.completed', { id: 'cs_1', mode: 'payment', metadata: { order_id: 'o' } })),
      'cs_1',
    );
    assert.equal(
      referenceOf(ev('checkout.session.completed', { id: 'cs_2', mode: 'payment', metadata: {} })),
      undefined,
    );
    assert.equal(
      referenceOf(ev('checkout.session.completed', { id: 'cs_3', mode: 'setup', client_reference_id: 'o' })),
      undefined,
    );
    assert.equal(referenceOf(ev('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1' })), 'pi_1');
    assert.equal(referenceOf(ev('charge.dispute.closed', { id: 'dp_1', payment_intent: { id: 'pi_2' } })), 'pi_2');
    assert.equal(referenceOf(ev('charge.refunded', { id: 'ch_2', payment_intent: null })), undefined);
    assert.equal(referenceOf(ev('payment_intent.succeeded', { id: 'pi_3' })), undefined);
    assert.equal(referenceOf(ev('customer.subscription.created', { id: 'sub_1' })), undefined);
  });

  test('keys are shown masked', () => {
    assert.equal(maskKey('sk_test_51Habcdefgh4242'), 'sk_test_…4242');
    assert.equal(maskKey('whsec_abcdefgh9876'), 'whsec_…9876');
  });

  test('the stand-in reads the SDK’s form encoding', () => {
    assert.deepEqual(
      parseStripeForm('a=1&line_items[0][price_data][unit_amount]=5&expand[0]=x.y&metadata[order_id]=o%201'),
      {
        a: '1',
        line_items: [{ price_data: { unit_amount: '5' } }],
        expand: ['x.y'],
        metadata: { order_id: 'o 1' },
      },
    );
  });
});
