import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { activateLicense } from '../licensing/activate-license.js';
import { buildLicensingTestApp, seedLicensedPurchase } from '../licensing/testing.js';
import { endSubscriptionNow } from '../memberships/cancel-subscription.js';
import { seedTier, subscribeAndPay } from '../memberships/testing.js';
import { createEndpoint } from './endpoints.js';
import { startReceiver } from './receiver.testing.js';

describe('events from other features', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });

  test('a licence activation sends license.activated once; a refused one sends nothing', async () => {
    const { db } = t.services.database;
    const endpointId = await createEndpoint(
      db,
      { url: receiver.url, description: '', events: ['license.activated'] },
      'owner@example.com',
    );
    const p = await seedLicensedPurchase(t.services, { limit: 1 });
    await t.drainJobs();
    receiver.received.length = 0;
    assert.equal((await activateLicense(db, { licenseKey: p.key, instanceName: 'laptop' })).kind, 'activated');
    assert.equal((await activateLicense(db, { licenseKey: p.key, instanceName: 'desktop' })).kind, 'limit-reached');
    await t.drainJobs();
    assert.equal(receiver.received.length, 1);
    const r = receiver.received[0]!;
    const { secret } = await db
      .selectFrom('webhook_endpoints')
      .select('secret')
      .where('id', '=', endpointId)
      .executeTakeFirstOrThrow();
    const body = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as {
      type: string;
      data: { license_key_id: string; instance_name: string };
    };
    assert.equal(body.type, 'license.activated');
    assert.deepEqual([body.data.license_key_id, body.data.instance_name], [p.keys[0]!.id, 'laptop']);
  });

  test('a membership: joining sends member.joined, the admin ending it at once sends member.cancelled', async () => {
    const { db } = t.services.database;
    await createEndpoint(
      db,
      { url: receiver.url, description: '', events: ['member.joined', 'member.cancelled'] },
      'owner@example.com',
    );
    const tier = await seedTier(t.services, { name: 'Circle', slug: 'circle' });
    receiver.received.length = 0;
    const sub = await subscribeAndPay(t, new TestClient(t.app), { tier: tier.slug, email: 'lea@example.com' });
    assert.equal(await endSubscriptionNow(t.services, sub.id, 'owner@example.com'), 'done');
    assert.equal(await endSubscriptionNow(t.services, sub.id, 'owner@example.com'), 'not-applicable');
    await t.drainJobs();
    const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    assert.deepEqual(types.sort(), ['member.cancelled', 'member.joined']);
    const cancelled = receiver.received
      .map((r) => JSON.parse(r.body) as { type: string; data: { subscription_id: string; email: string } })
      .find((b) => b.type === 'member.cancelled');
    assert.deepEqual([cancelled?.data.subscription_id, cancelled?.data.email], [sub.id, 'lea@example.com']);
  });
});
