import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.js';
import { resendReceipt, type SendReceiptFn } from './resend-receipt.js';
import { seedCustomer, seedOrder, seedProduct } from './testing.js';

describe('resendReceipt (with the receipt email replaced by doubles)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  async function order(status: 'paid' | 'pending' | 'refunded') {
    const db = t.services.database.db;
    return seedOrder(db, { customer: await seedCustomer(db), items: [{ product: await seedProduct(db) }], status });
  }

  const audits = () =>
    t.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'order.receipt_resent').execute();

  test('a paid order gets another receipt, sent as a resend and audited', async () => {
    const o = await order('paid');
    const calls: unknown[] = [];
    const send: SendReceiptFn = async (_s, orderId, opts) => {
      calls.push([orderId, opts]);
      return '7c1f0f0e-0000-4000-8000-000000000001';
    };
    assert.equal(await resendReceipt({ services: t.services, orderId: o.id, actor: 'a@example.com', send }), 'ok');
    assert.deepEqual(calls, [[o.id, { resend: true }]]);
    const rows = (await audits()).filter((r) => JSON.parse(r.detail).orderId === o.id);
    assert.equal(rows.length, 1);
    assert.equal(JSON.parse(rows[0]!.detail).emailId, '7c1f0f0e-0000-4000-8000-000000000001');
  });

  test('unpaid orders get none; an order refunded meanwhile neither', async () => {
    const send: SendReceiptFn = async () => undefined;
    for (const status of ['pending', 'refunded'] as const) {
      const o = await order(status);
      let called = false;
      const spy: SendReceiptFn = async () => {
        called = true;
        return 'x';
      };
      assert.equal(await resendReceipt({ services: t.services, orderId: o.id, actor: 'a', send: spy }), 'not-paid');
      assert.equal(called, false);
    }
    const o = await order('paid');
    assert.equal(await resendReceipt({ services: t.services, orderId: o.id, actor: 'a', send }), 'not-paid');
    assert.equal((await audits()).filter((r) => JSON.parse(r.detail).orderId === o.id).length, 0);
  });

  test('an unknown order is not found', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    assert.equal(await resendReceipt({ services: t.services, orderId: id, actor: 'a' }), 'not-found');
  });
});
