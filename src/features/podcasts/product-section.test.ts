import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { seedTier } from '../memberships/testing.js';
import { seedEpisode, seedShow } from './library-seed.testing.js';
import { formatDuration } from './product-section.js';

/** A show's product page: published episodes only, the public ones playable, its tiers and public feed. */
describe('podcasts: the product page', () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services); // the store's clock: Europe/Berlin by default
  });
  after(() => t.close());

  test('lists published episodes with date and length, plays the public trailer, names the tiers', async () => {
    const tier = await seedTier(t.services, { name: 'Supporter' });
    const { showId, slug } = await seedShow(t.services, { title: 'Soil stories', tierIds: [tier.id] });
    const trailer = await seedEpisode(t.services, showId, {
      title: 'Welcome to Soil stories',
      access: 'public',
      type: 'trailer',
      publishedAt: '2026-03-01T23:30:00.000Z',
      durationSeconds: 95,
    });
    await t.services.database.db
      .updateTable('podcast_episodes')
      .set({ audio_key: 'podcasts/trailer', transcript_key: 'podcasts/trailer-vtt', transcript_type: 'text/vtt' })
      .where('id', '=', trailer)
      .execute();
    await seedEpisode(t.services, showId, { title: 'Compost, slowly', durationSeconds: 3723 });
    await seedEpisode(t.services, showId, { title: 'Not yet out', status: 'scheduled' });
    await seedEpisode(t.services, showId, { title: 'A draft', status: 'draft' });

    const res = await t.app.inject(`/p/${slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<p class="pre-line">Conversations about gardens\./);
    assert.match(res.body, /Welcome to Soil stories/);
    assert.match(res.body, /Compost, slowly/);
    assert.doesNotMatch(res.body, /Not yet out|A draft/);
    assert.match(res.body, /<span class="badge">Trailer<\/span>/);
    assert.match(res.body, /2 Mar 2026/, 'the day on the store clock (Berlin), not UTC');
    assert.match(res.body, /1:02:03/);
    assert.ok(res.body.includes(`<audio controls preload="none" src="/podcasts/${showId}/${trailer}.mp3"`));
    assert.ok(
      res.body.includes(`<track kind="captions" src="/podcasts/${showId}/${trailer}/transcript.vtt" srclang="en"`),
    );
    assert.equal((res.body.match(/<audio/g) ?? []).length, 1, 'members-only episodes are not playable here');
    assert.match(res.body, /Members of these memberships hear every episode: Supporter\./);
    assert.ok(res.body.includes(`href="/podcasts/${showId}/feed.xml"`));
    assert.ok(res.body.includes(`href="/library/podcasts/${showId}"`));
  });

  test('without a public feed nothing plays and no feed is linked', async () => {
    const { showId, slug } = await seedShow(t.services, { title: 'Quiet show', publicFeed: false });
    const ep = await seedEpisode(t.services, showId, { title: 'Public but no feed', access: 'public' });
    await t.services.database.db.updateTable('podcast_episodes').set({ audio_key: 'x' }).where('id', '=', ep).execute();
    await t.services.database.db
      .updateTable('products')
      .set({ description_md: 'Conversations about gardens.' })
      .where('id', '=', showId)
      .execute();
    const res = await t.app.inject(`/p/${slug}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(
      res.body,
      /<p class="pre-line">Conversations about gardens\./,
      'the same description once, not twice',
    );
    assert.doesNotMatch(res.body, /<audio/);
    assert.doesNotMatch(res.body, /feed\.xml/);
    assert.match(res.body, /Public but no feed/);
  });

  test('lengths read as podcast apps show them', () => {
    assert.equal(formatDuration(5), '0:05');
    assert.equal(formatDuration(245), '4:05');
    assert.equal(formatDuration(3723), '1:02:03');
  });
});
