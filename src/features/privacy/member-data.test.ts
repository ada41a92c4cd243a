import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { latestOrder, seedProduct } from '../checkout/testing.js';
import { privacyPartsOf } from '../index.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { exportCustomerData } from './export-data.js';
import { retentionSweepHandler } from './retention.job.js';

const NOW = '2026-11-01T10:00:00.000Z';

type ListName =
  | 'orders'
  | 'members'
  | 'memberConsents'
  | 'subscriptions'
  | 'subscriptionPayments'
  | 'newsletterDeliveries'
  | 'cancellations';

/** The export's lists of rows this test reads (each feature adds its own). */
const lists = (data: Record<string, unknown>) => data as Record<ListName, Record<string, unknown>[]>;

/** A member with the proof of consent, a token, a newsletter delivery and, if paid, a subscription with its billing. */
async function seedMember(
  t: TestApp,
  email: string,
  name: string,
  opts: { paid: boolean; tierId: string; postId: string },
) {
  const db = t.services.database.db;
  const memberId = randomUUID();
  await db
    .insertInto('members')
    .values({
      id: memberId,
      email,
      name,
      locale: 'en',
      customer_id: null,
      email_status: 'subscribed',
      source: 'signup',
      created_at: NOW,
      confirmed_at: NOW,
      unsubscribed_at: null,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto('member_consents')
    .values({
      id: randomUUID(),
      member_id: memberId,
      purpose: 'newsletter',
      text: `Send me the newsletter (${name})`,
      text_version: 'newsletter-1',
      locale: 'en',
      ip: name === 'Ada' ? '192.0.2.7' : '198.51.100.9',
      user_agent: `Agent of ${name}`,
      source: 'signup',
      given_at: NOW,
      confirmed_at: NOW,
      withdrawn_at: null,
    })
    .execute();
  await db
    .insertInto('member_tokens')
    .values({
      id: randomUUID(),
      member_id: memberId,
      purpose: 'confirm',
      subject_id: null,
      expires_at: '2030-01-01T00:00:00.000Z',
      used_at: null,
      created_at: NOW,
    })
    .execute();
  await db
    .insertInto('post_deliveries')
    .values({
      post_id: opts.postId,
      member_id: memberId,
      batch: 0,
      status: 'sent',
      claim: null,
      error: null,
      updated_at: NOW,
      sent_at: NOW,
    })
    .execute();
  let subscriptionId: string | undefined;
  if (opts.paid) {
    subscriptionId = randomUUID();
    await db
      .insertInto('subscriptions')
      .values({
        id: subscriptionId,
        member_id: memberId,
        tier_id: opts.tierId,
        interval: 'month',
        status: 'active',
        price_minor: 500,
        currency: 'EUR',
        provider: 'test',
        provider_ref: null,
        current_period_start: NOW,
        current_period_end: '2026-12-01T10:00:00.000Z',
        access_until: '2026-12-01T10:00:00.000Z',
        created_at: NOW,
        updated_at: NOW,
        canceled_at: null,
        ended_at: null,
      })
      .execute();
    await db
      .insertInto('subscription_payments')
      .values({
        id: randomUUID(),
        subscription_id: subscriptionId,
        period_start: NOW,
        period_end: '2026-12-01T10:00:00.000Z',
        amount_minor: 500,
        currency: 'EUR',
        status: 'paid',
        order_id: null,
        provider_ref: `pay-${name}`,
        failure_reason: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  return { memberId, subscriptionId };
}

describe('privacy: member data in the export and the erasure', () => {
  let t: TestApp;
  let tierId: string;
  let postId: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    const db = t.services.database.db;
    tierId = randomUUID();
    await db
      .insertInto('membership_tiers')
      .values({
        id: tierId,
        slug: 'supporter',
        name: 'Supporter',
        product_id: null,
        currency: 'EUR',
        monthly_price_minor: 500,
        yearly_price_minor: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    postId = randomUUID();
    await db
      .insertInto('posts')
      .values({
        id: postId,
        slug: 'first-letter',
        title: 'First letter',
        visibility: 'members',
        status: 'published',
        publish_at: null,
        published_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  });
  after(() => t.close());

  test('the export holds the order’s tax data and the member’s rows, and nothing of another person', async () => {
    const product = await seedProduct(t.services, { priceMinor: 1500, title: 'Ada’s Course' });
    const res = await new TestClient(t.app).postForm(
      '/checkout',
      {
        productId: product.id,
        email: 'ada@example.com',
        name: 'Ada',
        billingCountry: 'AT',
        digitalConsent: '1',
      },
      { formPage: `/checkout?product=${product.id}` },
    );
    assert.equal(res.statusCode, 303);
    const order = await latestOrder(t.services);
    const ada = await seedMember(t, 'ada@example.com', 'Ada', { paid: true, tierId, postId });
    await seedMember(t, 'bob@example.com', 'Bob', { paid: true, tierId, postId });
    await t.services.database.db
      .insertInto('cancellation_requests')
      .values({
        id: randomUUID(),
        email: 'bob@example.com',
        member_id: null,
        subscription_ref: null,
        kind: 'ordinary',
        requested_end: null,
        locale: 'en',
        ip: '198.51.100.9',
        received_at: NOW,
      })
      .execute();

    const data = lists(await exportCustomerData(t.services.database.db, 'Ada@Example.com', privacyPartsOf()));
    const json = JSON.stringify(data);
    assert.equal(data.orders.length, 1);
    assert.equal(data.orders[0]?.id, order.id);
    assert.equal(data.orders[0]?.billing_country, 'AT');
    assert.equal((data.orders[0]?.tax_evidence as { billingCountry?: string } | undefined)?.billingCountry, 'AT');
    assert.ok('buyer_vat_id' in (data.orders[0] ?? {}));
    assert.ok('billing_address' in (data.orders[0] ?? {}));
    assert.deepEqual(
      data.members.map((m) => m.id),
      [ada.memberId],
    );
    assert.equal(data.memberConsents.length, 1);
    assert.equal(data.memberConsents[0]?.ip, '192.0.2.7');
    assert.equal(data.memberConsents[0]?.text_version, 'newsletter-1');
    assert.deepEqual(
      data.subscriptions.map((s) => s.id),
      [ada.subscriptionId],
    );
    assert.equal(data.subscriptionPayments.length, 1);
    assert.equal(data.subscriptionPayments[0]?.provider_ref, 'pay-Ada');
    assert.equal(data.newsletterDeliveries.length, 1);
    assert.equal(data.newsletterDeliveries[0]?.post_title, 'First letter');
    assert.equal(data.cancellations.length, 0);
    assert.doesNotMatch(json, /bob@example\.com|Bob|198\.51\.100\.9|pay-Bob/);
  });

  test('the library’s export download carries the member data too', async () => {
    const token = await startCustomerSession(t.services.database.db, 'ada@example.com');
    const res = await t.app.inject({
      url: '/library/data/export',
      headers: { cookie: `${CUSTOMER_COOKIE}=${token}` },
    });
    assert.equal(res.statusCode, 200);
    const data = JSON.parse(res.body);
    assert.equal(data.members.length, 1);
    assert.equal(data.subscriptions.length, 1);
    assert.doesNotMatch(res.body, /bob@example\.com/);
  });

  test('erasure: name, consents, tokens and newsletter rows go; billing stays; the address stays only where billing needs it', async () => {
    const db = t.services.database.db;
    const cleo = await seedMember(t, 'cleo@example.com', 'Cleo', { paid: false, tierId, postId });
    const admin = new TestClient(t.app);
    await admin.login();
    for (const email of ['ada@example.com', 'cleo@example.com']) {
      const done = await admin.postForm('/admin/privacy/erase', { email }, { formPage: '/admin/privacy' });
      assert.equal(done.statusCode, 303);
    }
    // Ada pays for a subscription: the row keeps her address for billing, everything else goes.
    const ada = await db
      .selectFrom('members')
      .selectAll()
      .where('email', '=', 'ada@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(ada.name, '');
    assert.equal(ada.email_status, 'unsubscribed');
    assert.ok(ada.unsubscribed_at);
    const adaSubs = await db.selectFrom('subscriptions').selectAll().where('member_id', '=', ada.id).execute();
    assert.equal(adaSubs.length, 1);
    assert.equal(adaSubs[0]?.status, 'active');
    const payments = await db
      .selectFrom('subscription_payments')
      .selectAll()
      .where('subscription_id', '=', adaSubs[0]?.id ?? '')
      .execute();
    assert.equal(payments.length, 1);
    const adaOrders = await db.selectFrom('orders').selectAll().where('email', '=', 'ada@example.com').execute();
    assert.equal(adaOrders.length, 1);
    assert.equal(adaOrders[0]?.billing_country, 'AT');
    assert.ok(
      await db
        .selectFrom('retention_locks')
        .select('order_id')
        .where('order_id', '=', adaOrders[0]?.id ?? '')
        .executeTakeFirst(),
    );
    // Cleo only read the newsletter: her address is replaced.
    const cleoRow = await db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', cleo.memberId)
      .executeTakeFirstOrThrow();
    assert.notEqual(cleoRow.email, 'cleo@example.com');
    assert.match(cleoRow.email, /@erased\.invalid$/);
    assert.equal(cleoRow.email_status, 'unsubscribed');
    for (const id of [ada.id, cleo.memberId]) {
      assert.equal(
        (await db.selectFrom('member_consents').select('id').where('member_id', '=', id).execute()).length,
        0,
      );
      assert.equal((await db.selectFrom('member_tokens').select('id').where('member_id', '=', id).execute()).length, 0);
      assert.equal(
        (await db.selectFrom('post_deliveries').select('post_id').where('member_id', '=', id).execute()).length,
        0,
      );
    }
    // Bob is untouched.
    const bob = await db
      .selectFrom('members')
      .selectAll()
      .where('email', '=', 'bob@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(bob.name, 'Bob');
    assert.equal(bob.email_status, 'subscribed');
    assert.equal(
      (await db.selectFrom('member_consents').select('id').where('member_id', '=', bob.id).execute()).length,
      1,
    );
    assert.equal(
      (await db.selectFrom('post_deliveries').select('post_id').where('member_id', '=', bob.id).execute()).length,
      1,
    );
    // The export after erasure holds no consent, name or newsletter row any more.
    const after = lists(await exportCustomerData(db, 'ada@example.com', privacyPartsOf()));
    assert.equal(after.memberConsents.length, 0);
    assert.equal(after.newsletterDeliveries.length, 0);
    assert.equal(after.members[0]?.name, '');

    // When the retention period ends, the order goes; the billing history keeps the period without the link.
    const adaOrderId = adaOrders[0]?.id ?? '';
    await db
      .updateTable('subscription_payments')
      .set({ order_id: adaOrderId })
      .where('id', '=', payments[0]?.id ?? '')
      .execute();
    await db
      .updateTable('retention_locks')
      .set({ keep_until: '2000-01-01T00:00:00.000Z' })
      .where('order_id', '=', adaOrderId)
      .execute();
    await retentionSweepHandler.handle({}, { db, services: t.services, log: t.services.log } as never);
    assert.equal((await db.selectFrom('orders').select('id').where('id', '=', adaOrderId).execute()).length, 0);
    const kept = await db
      .selectFrom('subscription_payments')
      .selectAll()
      .where('id', '=', payments[0]?.id ?? '')
      .execute();
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.order_id, null);
  });
});
