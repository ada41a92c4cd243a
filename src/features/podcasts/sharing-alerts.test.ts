import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { ensureFeed, findFeedByToken, tokenOf } from './feed-tokens.js';
import { createShow } from './show-edit.js';

/**
 * The creator's answers to sharing alerts through the admin page over real
 * HTTP: suspend, rotate (the old URL stops), ignore, each once only, and a
 * suspended feed reactivated; the audit log records each.
 */
describe('podcast sharing alerts', () => {
  let t: TestApp;
  let admin: HttpClient;
  let showId: string;
  const db = () => t.services.database.db;
  const secret = () => t.services.config.sessionSecret;
  const page = '/admin/podcasts/alerts';

  /** A listener's feed with an open alert, as the hourly scan leaves it. */
  async function alertFor(email: string) {
    const feed = await ensureFeed(db(), secret(), showId, email, new Date().toISOString());
    const id = randomUUID();
    await db()
      .insertInto('podcast_sharing_alerts')
      .values({
        id,
        feed_id: feed.id,
        show_id: showId,
        networks: 12,
        apps: 3,
        created_at: new Date().toISOString(),
        decided_at: null,
      })
      .execute();
    return { alertId: id, feed };
  }
  const alert = (id: string) =>
    db().selectFrom('podcast_sharing_alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const feedOf = (id: string) =>
    db().selectFrom('podcast_feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = await HttpClient.listen(t.app);
    await admin.login();
    showId = await createShow(db(), 'Night Shift', 'owner@example.com');
  });
  after(() => t.close());

  test('open alerts are listed with listener, networks and apps, and linked from the shows', async () => {
    await alertFor('sam@example.com');
    const body = (await admin.get(page)).body;
    assert.match(body, /sam@example\.com/);
    assert.match(body, /Night Shift/);
    assert.match(body, /<dd>12<\/dd><dt>Apps<\/dt><dd>3<\/dd>/);
    assert.match((await admin.get('/admin/podcasts')).body, /Sharing alerts \(1 open\)/);
  });

  test('suspend: the feed is suspended, the alert decided once; reactivate brings it back', async () => {
    const { alertId, feed } = await alertFor('kim@example.com');
    const r = await admin.postForm(`${page}/${alertId}/suspend`, {}, { formPage: page });
    assert.equal(r.status, 303);
    assert.equal((await feedOf(feed.id)).status, 'suspended');
    const a = await alert(alertId);
    assert.equal(a.status, 'suspended');
    assert.ok(a.decided_at);
    const again = await admin.postForm(`${page}/${alertId}/ignore`, {}, { formPage: page });
    assert.match(again.location ?? '', /done=stale/);
    assert.equal((await alert(alertId)).status, 'suspended', 'decided once');

    const listed = (await admin.get(page)).body;
    assert.match(listed, /Suspended feeds[\s\S]*kim@example\.com/);
    const back = await admin.postForm(`/admin/podcasts/feeds/${feed.id}/reactivate`, {}, { formPage: page });
    assert.equal(back.status, 303);
    assert.equal((await feedOf(feed.id)).status, 'active');
    const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'podcast.%').execute();
    assert.ok(audit.some((x) => x.action === 'podcast.alert-suspended'));
    assert.ok(audit.some((x) => x.action === 'podcast.feed-reactivated'));
  });

  test('rotate: the old URL stops, a new one works', async () => {
    const { alertId, feed } = await alertFor('lee@example.com');
    const oldToken = tokenOf(secret(), feed);
    const r = await admin.postForm(`${page}/${alertId}/rotate`, {}, { formPage: page });
    assert.equal(r.status, 303);
    assert.equal((await alert(alertId)).status, 'rotated');
    const rotated = await feedOf(feed.id);
    assert.equal(rotated.generation, feed.generation + 1);
    assert.equal(await findFeedByToken(db(), showId, oldToken), undefined);
    assert.equal((await findFeedByToken(db(), showId, tokenOf(secret(), rotated)))?.id, feed.id);
  });

  test('ignore: the feed stays as it was', async () => {
    const { alertId, feed } = await alertFor('ola@example.com');
    await admin.postForm(`${page}/${alertId}/ignore`, {}, { formPage: page });
    assert.equal((await alert(alertId)).status, 'ignored');
    const f = await feedOf(feed.id);
    assert.deepEqual([f.status, f.generation], ['active', 1]);
    assert.doesNotMatch((await admin.get(page)).body, /ola@example\.com/);
  });

  test('only the admin decides', async () => {
    const { alertId } = await alertFor('zoe@example.com');
    const stranger = admin.fresh();
    const r = await stranger.request(`${page}/${alertId}/suspend`, { method: 'POST' });
    assert.notEqual(r.status, 303);
    assert.equal((await alert(alertId)).status, 'open');
  });
});
