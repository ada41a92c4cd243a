import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { buildLicensingTestApp, callApi } from '../licensing/testing.js';
import { fixtureBytes, runIdOf, runOf, verdicts } from './testing.js';

describe('the other platforms’ exports, end to end', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  async function importFixture(name: string) {
    const { postMultipart } = await import('../catalog/testing.js');
    const res = await postMultipart(
      t.app,
      admin,
      '/admin/imports',
      [{ name: 'file', filename: name, content: fixtureBytes(name), type: 'text/csv' }],
      '/admin/imports',
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const runId = runIdOf(res.headers.location as string);
    await t.drainJobs();
    assert.equal((await runOf(t, runId)).status, 'dry_run_ready');
    const start = await admin.postForm(`/admin/imports/${runId}/start`, {}, { formPage: `/admin/imports/${runId}` });
    assert.equal(start.statusCode, 303);
    await t.drainJobs();
    const run = await runOf(t, runId);
    assert.equal(run.status, 'done', run.error ?? '');
    const real = await verdicts(t, runId, 'real');
    assert.deepEqual(real, await verdicts(t, runId, 'dry'));
    if (process.env.SHOW_VERDICTS) console.log(`${name}\n${real.join('\n')}`);
    const page = await admin.get(`/admin/imports/${runId}`);
    assert.equal(page.statusCode, 200);
    return real;
  }

  test('Ghost members: opt-ins subscribed with an imported consent, comped members get access, none upgraded', async () => {
    const lines = await importFixture('ghost-members.csv');
    assert.ok(lines.some((l) => l.includes('subscription:complimentary')));
    const { db } = t.services.database;
    const lena = await db
      .selectFrom('members')
      .select(['id', 'email_status'])
      .where('email', '=', 'lena.hoffmann@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(lena.email_status, 'subscribed');
    const consent = await db
      .selectFrom('member_consents')
      .select('text')
      .where('member_id', '=', lena.id)
      .executeTakeFirstOrThrow();
    assert.match(consent.text, /^Imported from Ghost export on /);
    const oskar = await db
      .selectFrom('members')
      .select('email_status')
      .where('email', '=', 'oskar.nowak@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(oskar.email_status, 'pending');
  });

  test('Lemon Squeezy subscribers and licence keys', async () => {
    await importFixture('lemonsqueezy-subscribers.csv');
    const keys = await importFixture('lemonsqueezy-licence-keys.csv');
    assert.ok(keys.some((l) => l.includes('licence:create')));
    const key = await t.services.database.db
      .selectFrom('license_keys')
      .select(['display_key', 'activation_usage'])
      .where('disabled_at', 'is', null)
      .where('activation_usage', '>', 0)
      .executeTakeFirstOrThrow();
    const res = await callApi(t.app, '/api/v1/licenses/validate', { license_key: key.display_key });
    assert.equal(res.json().valid, true);
    assert.equal(res.json().license_key.activation_usage, key.activation_usage);
  });
});
