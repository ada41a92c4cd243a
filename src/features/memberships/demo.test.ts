import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { addDemoPosts } from '../posts/demo.js';
import { addDemoMemberships } from './demo.js';

describe('the demo store’s market letter', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { demo: true });
  });
  after(() => t.close());

  test('a free and a paid tier, added once, shown on the membership page', async () => {
    const runs = await Promise.all([addDemoMemberships(t.services), addDemoMemberships(t.services)]);
    assert.equal(runs.filter((r) => r.added).length, 1);
    const tiers = await t.services.database.db.selectFrom('membership_tiers').selectAll().orderBy('position').execute();
    assert.deepEqual(
      tiers.map((x) => [x.name, x.is_free, x.monthly_price_minor, x.yearly_price_minor]),
      [
        ['Weekly letter', 1, null, null],
        ['Market letter', 0, 900, 9000],
      ],
    );
    assert.ok(tiers[1]?.product_id, 'the paid tier has its product');
    const page = await new TestClient(t.app).get('/membership');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Weekly letter/);
    assert.match(page.body, /Market letter/);
    assert.match(page.body, /href="\/join/);
  });

  test('public posts and a paid one; the paid one shows its teaser only', async () => {
    assert.equal((await addDemoPosts(t.services.database.db)).added, 3);
    assert.equal((await addDemoPosts(t.services.database.db)).added, 0);
    const reader = new TestClient(t.app);
    const archive = await reader.get('/posts');
    assert.match(archive.body, /Welcome to the market letter/);
    assert.match(archive.body, /Week 48: three charts that matter/);
    const open = await reader.get('/posts/welcome');
    assert.match(open.body, /Every Monday a short overview/);
    const gated = await reader.get('/posts/week-48-analysis');
    assert.equal(gated.statusCode, 200);
    assert.match(gated.body, /Rates, energy prices/);
    assert.doesNotMatch(gated.body, /for paying members only/);
  });
});
