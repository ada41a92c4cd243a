import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.js';
import type { RefundResult } from '../payments/refund-order.js';
import { adminRefund, type RefundFn } from './admin-refund.js';
import { seedCustomer, seedOrder, seedProduct } from './testing.js';

describe('adminRefund (with the payments feature replaced by doubles)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  async function order(status: 'paid' | 'pending' | 'refunded') {
    const db = t.services.database.db;
    return seedOrder(db, { customer: await seedCustomer(db), items: [{ product: await seedProduct(db) }], status });
  }

  function double(answer: RefundResult | Error) {
    const calls: [string, string][] = [];
    const fn: RefundFn = async (_services, orderId, actor) => {
      calls.push([orderId, actor]);
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { fn, calls };
  }

  async function auditOf(orderId: string) {
    const rows = await t.services.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'order.refund')
      .execute();
    return rows.map((r) => ({ actor: r.actor, ...JSON.parse(r.detail) })).filter((d) => d.orderId === orderId);
  }

  for (const answer of ['ok', 'provider-error', 'not-paid'] as const) {
    test(`a paid order is handed to the payments feature and its answer '${answer}' passed on`, async () => {
      const o = await order('paid');
      const d = double(answer);
      const result = await adminRefund({
        services: t.services,
        orderId: o.id,
        actor: 'owner@example.com',
        refund: d.fn,
      });
      assert.equal(result, answer);
      assert.deepEqual(d.calls, [[o.id, 'owner@example.com']]);
      assert.deepEqual(await auditOf(o.id), [
        { actor: 'owner@example.com', orderId: o.id, number: o.number, result: answer },
      ]);
    });
  }

  test('a refund that throws is a provider error, not a crash', async () => {
    const o = await order('paid');
    const d = double(new Error('connection reset'));
    const result = await adminRefund({ services: t.services, orderId: o.id, actor: 'a@example.com', refund: d.fn });
    assert.equal(result, 'provider-error');
    assert.equal((await auditOf(o.id))[0]?.result, 'provider-error');
  });

  test('orders that are not paid are refused before any provider is asked', async () => {
    for (const status of ['pending', 'refunded'] as const) {
      const o = await order(status);
      const d = double('ok');
      const result = await adminRefund({ services: t.services, orderId: o.id, actor: 'a@example.com', refund: d.fn });
      assert.equal(result, 'not-paid', status);
      assert.equal(d.calls.length, 0, status);
      assert.equal((await auditOf(o.id))[0]?.result, 'not-paid');
    }
  });

  test('an unknown order is not found, and nothing is recorded', async () => {
    const d = double('ok');
    const id = '00000000-0000-4000-8000-000000000000';
    const result = await adminRefund({ services: t.services, orderId: id, actor: 'a@example.com', refund: d.fn });
    assert.equal(result, 'not-found');
    assert.equal(d.calls.length, 0);
    assert.deepEqual(await auditOf(id), []);
  });
});
