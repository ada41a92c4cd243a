import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { testDialect } from '../../testing/database.js';
import { activateLicense } from './activate-license.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

describe(`activation limits under concurrency (${testDialect})`, () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function instancesOf(keyId: string) {
    const { db } = t.services.database;
    const [key, instances] = await Promise.all([
      db.selectFrom('license_keys').select('activation_usage').where('id', '=', keyId).executeTakeFirstOrThrow(),
      db.selectFrom('license_instances').select('id').where('license_key_id', '=', keyId).execute(),
    ]);
    return { usage: key.activation_usage, instances: instances.length };
  }

  test('100 concurrent activations of a key with limit 5 over HTTP: exactly 5 succeed', async () => {
    const p = await seedLicensedPurchase(t.services, { limit: 5 });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        callApi(t.app, '/api/v1/licenses/activate', { license_key: p.key, instance_name: `machine-${i}` }),
      ),
    );
    const ok = answers.filter((r) => r.statusCode === 200);
    const refused = answers.filter((r) => r.statusCode === 400);
    assert.equal(ok.length, 5);
    assert.equal(refused.length, 95);
    for (const r of refused) assert.equal(r.json().error, 'This license key has reached the activation limit.');
    assert.deepEqual(await instancesOf(p.keys[0]!.id), { usage: 5, instances: 5 });
  });

  test('the same through the use case directly, with deactivations in between', async () => {
    const p = await seedLicensedPurchase(t.services, { limit: 5 });
    const { db } = t.services.database;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => activateLicense(db, { licenseKey: p.key, instanceName: `m${i}` })),
    );
    assert.equal(results.filter((r) => r.kind === 'activated').length, 5);
    assert.equal(results.filter((r) => r.kind === 'limit-reached').length, 95);
    const first = results.find((r) => r.kind === 'activated');
    assert.ok(first?.kind === 'activated');
    const freed = await Promise.all(
      [1, 2, 3].map(() =>
        callApi(t.app, '/api/v1/licenses/deactivate', { license_key: p.key, instance_id: first.instance.id }),
      ),
    );
    assert.deepEqual(freed.map((r) => r.statusCode).sort(), [200, 404, 404], 'one instance frees one slot');
    const more = await Promise.all(
      Array.from({ length: 20 }, (_, i) => activateLicense(db, { licenseKey: p.key, instanceName: `n${i}` })),
    );
    assert.equal(more.filter((r) => r.kind === 'activated').length, 1);
    assert.deepEqual(await instancesOf(p.keys[0]!.id), { usage: 5, instances: 5 });
  });
});
