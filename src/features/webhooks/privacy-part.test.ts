import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { createEndpoint } from './endpoints.js';
import { webhooksPrivacyPart } from './privacy-part.js';

describe('webhook deliveries in a privacy request', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('only deliveries whose body names the address are exported and erased', async () => {
    const db = t.services.database.db;
    const endpointId = await createEndpoint(
      db,
      { url: 'https://hooks.example.com/in', description: '', events: ['order.paid'] },
      'owner@example.com',
    );
    const body = (email: string) => JSON.stringify({ type: 'order.paid', data: { email } });
    await db
      .insertInto('webhook_deliveries')
      .values(
        [
          ['msg_a', 'ada_1@example.com'],
          ['msg_b', 'adax1@example.com'],
          ['msg_c', 'bob@example.com'],
        ].map(([id, email]) => ({
          id: id!,
          endpoint_id: endpointId,
          event_type: 'order.paid',
          payload: body(email!),
          created_at: isoNow(),
        })),
      )
      .execute();
    const who = { address: 'ada_1@example.com', orderIds: [] };
    const data = (await webhooksPrivacyPart.export!(db, who)) as { webhookDeliveries: unknown[] };
    assert.equal(data.webhookDeliveries.length, 1);
    const counts = await db.transaction().execute((trx) => webhooksPrivacyPart.erase!(trx, who.address, isoNow()));
    assert.deepEqual(counts, { webhookDeliveries: 1 });
    const left = await db.selectFrom('webhook_deliveries').select('id').orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      ['msg_b', 'msg_c'],
    );
  });
});
