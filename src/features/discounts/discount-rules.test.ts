import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDiscount, type DiscountRuleFields, discountAmount, discountState } from './discount-rules.js';

const NOW = '2026-05-01T12:00:00.000Z';
const ctx = { productId: 'p1', currency: 'EUR', now: NOW };

function code(over: Partial<DiscountRuleFields> = {}): DiscountRuleFields {
  return {
    kind: 'percent',
    currency: null,
    product_id: null,
    expires_at: null,
    max_redemptions: null,
    redemptions: 0,
    active: 1,
    ...over,
  };
}

describe('checkDiscount', () => {
  test('an active store-wide code without limits applies', () => {
    assert.equal(checkDiscount(code(), ctx), 'ok');
  });

  test('a deactivated code is inactive, whatever else holds', () => {
    assert.equal(checkDiscount(code({ active: 0, expires_at: '2020-01-01T00:00:00.000Z' }), ctx), 'inactive');
  });

  test('a code expires after the last moment of its day', () => {
    assert.equal(checkDiscount(code({ expires_at: '2026-05-01T23:59:59.999Z' }), ctx), 'ok');
    assert.equal(checkDiscount(code({ expires_at: NOW }), ctx), 'ok');
    assert.equal(checkDiscount(code({ expires_at: '2026-04-30T23:59:59.999Z' }), ctx), 'expired');
  });

  test('a code is used up once redemptions reach the limit', () => {
    assert.equal(checkDiscount(code({ max_redemptions: 5, redemptions: 4 }), ctx), 'ok');
    assert.equal(checkDiscount(code({ max_redemptions: 5, redemptions: 5 }), ctx), 'used-up');
    assert.equal(checkDiscount(code({ max_redemptions: 5, redemptions: 6 }), ctx), 'used-up');
  });

  test('a product code applies to that product only', () => {
    assert.equal(checkDiscount(code({ product_id: 'p1' }), ctx), 'ok');
    assert.equal(checkDiscount(code({ product_id: 'p2' }), ctx), 'wrong-product');
  });

  test('a fixed amount applies only in its currency; a percentage in any', () => {
    assert.equal(checkDiscount(code({ kind: 'amount', currency: 'EUR' }), ctx), 'ok');
    assert.equal(checkDiscount(code({ kind: 'amount', currency: 'USD' }), ctx), 'wrong-currency');
    assert.equal(checkDiscount(code({ kind: 'amount', currency: null }), ctx), 'wrong-currency');
    assert.equal(checkDiscount(code({ kind: 'percent', currency: 'USD' }), ctx), 'ok');
  });

  test('an unreadable time is a programming error, not a silently valid code', () => {
    assert.throws(() => checkDiscount(code(), { ...ctx, now: 'yesterday' }), RangeError);
  });

  test('the admin state ignores product and currency', () => {
    assert.equal(discountState(code({ product_id: 'p9', kind: 'amount', currency: 'USD' }), NOW), 'active');
    assert.equal(discountState(code({ active: 0 }), NOW), 'inactive');
    assert.equal(discountState(code({ expires_at: '2026-01-01T23:59:59.999Z' }), NOW), 'expired');
    assert.equal(discountState(code({ max_redemptions: 1, redemptions: 1 }), NOW), 'used-up');
  });
});

describe('discountAmount', () => {
  const pct = (p: number) => ({ kind: 'percent' as const, percent_off: p, amount_off_minor: null });
  const fixed = (a: number) => ({ kind: 'amount' as const, percent_off: null, amount_off_minor: a });

  test('a percentage rounds half up to the minor unit', () => {
    assert.equal(discountAmount(pct(10), 1000), 100);
    assert.equal(discountAmount(pct(15), 999), 150); // 149.85 -> 150
    assert.equal(discountAmount(pct(10), 1005), 101); // 100.5 -> 101
    assert.equal(discountAmount(pct(10), 1004), 100); // 100.4 -> 100
    assert.equal(discountAmount(pct(33), 1), 0); // 0.33 -> 0
    assert.equal(discountAmount(pct(50), 1), 1); // 0.5 -> 1
  });

  test('100 % is the whole subtotal, never more', () => {
    assert.equal(discountAmount(pct(100), 1999), 1999);
    assert.equal(discountAmount(pct(150), 1999), 1999);
    assert.equal(discountAmount(pct(-5), 1999), 0);
  });

  test('a fixed amount never exceeds the subtotal', () => {
    assert.equal(discountAmount(fixed(500), 1999), 500);
    assert.equal(discountAmount(fixed(5000), 1999), 1999);
  });

  test('never negative, and nothing off nothing', () => {
    assert.equal(discountAmount(fixed(-500), 1999), 0);
    assert.equal(discountAmount(fixed(500), 0), 0);
    assert.equal(discountAmount(fixed(500), -100), 0);
    assert.equal(discountAmount(pct(10), 0), 0);
    assert.equal(discountAmount(fixed(500), Number.NaN), 0);
    assert.equal(discountAmount({ kind: 'amount', percent_off: null, amount_off_minor: null }, 1000), 0);
  });
});
