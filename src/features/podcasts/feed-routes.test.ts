import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { parseFeed } from 'podcast-partytime';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { readImpressum, writeImpressum } from '../legal/impressum.js';
import { cancelAtPeriodEnd } from '../memberships/cancel-subscription.js';
import { moveToPeriodEnd, seedTier, subscribeAndPay } from '../memberships/testing.js';
import { seedCustomer, seedOrder } from '../orders/testing.js';
import { feedAccessCacheOf } from './feed-access.js';
import { feedOf, seedEpisode, seedShow } from './feed-testing.js';
import { rotateFeed, setFeedStatus, tokenOf } from './feed-tokens.js';
import { privateAudioPath, publicAudioPath, publicFeedPath } from './links.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
type Obj = Record<string, unknown>;
const channelOf = (body: string) => (xml.parse(body) as { rss: { channel: Obj } }).rss.channel;
const itemsOf = (channel: Obj) => [channel.item ?? []].flat() as Obj[];

describe('podcast feeds: private and public RSS, audio with ranges, counting', () => {
  let t: TestApp;
  let showId: string;
  let tierSlug: string;
  const member = 'mia@example.com';
  const db = () => t.services.database.db;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  /** The access decision is cached for 30 s; tests that change access move past it. */
  const forgetAccess = () => feedAccessCacheOf(t.services).clear();

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await writeImpressum(db(), { ...(await readImpressum(db())), email: 'hello@store.example' });
    const tier = await seedTier(t.services, { name: 'Listener' });
    tierSlug = tier.slug;
    showId = await seedShow(t.services, { tierIds: [tier.id] });
    await seedEpisode(t.services, showId, {
      title: 'Trailer',
      access: 'public',
      published_at: '2026-01-01T10:00:00.000Z',
    });
    await seedEpisode(t.services, showId, {
      title: 'Members episode',
      notes_md: '**Bold** notes <script>alert(1)</script>',
      chapters: JSON.stringify([
        { start: 0, title: 'Intro' },
        { start: 60, title: 'Main' },
      ]),
      transcript: 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n',
      season: 1,
      episode_number: 1,
      published_at: '2026-02-01T10:00:00.000Z',
    });
    await seedEpisode(t.services, showId, { title: 'Draft one', status: 'draft' });
    await seedEpisode(t.services, showId, { title: 'No audio yet', audio: null });
    await subscribeAndPay(t, new TestClient(t.app), { tier: tierSlug, email: member });
  });
  after(() => t.close());

  test('a member’s private feed is valid RSS with Apple’s and Podcasting 2.0 tags, blocked from directories', async () => {
    const { path } = await feedOf(t.services, showId, member);
    const res = await get(path);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'private, max-age=300');
    assert.equal(res.headers['x-robots-tag'], 'noindex');
    assert.match(String(res.headers.etag), /^"[^"]+"$/);

    const parsed = parseFeed(res.body);
    assert.ok(parsed, 'partytime parses the feed');
    assert.equal(parsed.title, 'Deep Work Radio (for Mia)');
    assert.equal(parsed.language, 'en');
    assert.ok(parsed.itunesImage?.includes(`/podcasts/${showId}/artwork/`));
    assert.equal(parsed.explicit, false);
    assert.equal(parsed.itunesBlock, true);
    assert.equal(parsed.locked, true);
    assert.equal(parsed.podcastOwner, 'hello@store.example');
    assert.match(parsed.guid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(
      parsed.items.map((i) => i.title),
      ['Members episode', 'Trailer'],
      'newest first; no drafts, nothing without audio',
    );
    const episode = parsed.items[0]!;
    assert.match(
      episode.enclosure.url,
      new RegExp(`^http://.+/feeds/${showId}/[A-Za-z0-9_-]{43}/[0-9a-f-]{36}\\.mp3$`),
    );
    assert.equal(episode.enclosure.type, 'audio/mpeg');
    assert.ok(episode.enclosure.length > 1000);
    assert.ok(episode.podcastChapters?.url.endsWith('/chapters.json'));
    assert.equal(episode.podcastTranscripts?.[0]?.type, 'text/vtt');

    const channel = channelOf(res.body);
    for (const tag of ['title', 'description', 'language', 'itunes:image', 'itunes:category', 'itunes:explicit']) {
      assert.ok(channel[tag] !== undefined, `channel has ${tag}`);
    }
    assert.equal((channel['itunes:category'] as Obj)['@text'], 'Business');
    assert.equal(((channel['itunes:category'] as Obj)['itunes:category'] as Obj)['@text'], 'Careers');
    assert.equal(channel['itunes:block'], 'Yes');
    assert.equal(channel['podcast:block'], 'yes');
    assert.equal((channel['itunes:owner'] as Obj)['itunes:email'], undefined, 'no address on private feeds');
    const [first] = itemsOf(channel);
    assert.equal((first!.guid as Obj)['@isPermaLink'], 'false');
    assert.equal(first!['itunes:season'], 1);
    assert.equal(first!['itunes:episode'], 1);
    assert.equal(first!['itunes:duration'], 2);
    assert.match(String(first!.pubDate), /^Sun, 01 Feb 2026 10:00:00 \+0000$/);
    assert.match(String(first!['content:encoded']), /<strong>Bold<\/strong>/);
    // The notes' HTML is sanitised (raw HTML stays text) and kept as it is in CDATA.
    assert.match(res.body, /<content:encoded><!\[CDATA\[<p><strong>Bold<\/strong> notes &lt;script&gt;/);
  });

  test('polling is cheap: ETag and If-Modified-Since give 304, gzip when accepted', async () => {
    const { path } = await feedOf(t.services, showId, member);
    const first = await get(path, { 'accept-encoding': 'gzip' });
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(first.rawPayload).toString(), /<rss/);
    const etag = String(first.headers.etag);
    assert.equal((await get(path, { 'if-none-match': etag })).statusCode, 304);
    assert.equal((await get(path, { 'if-none-match': '"other"' })).statusCode, 200);
    const lastModified = String(first.headers['last-modified']);
    assert.equal((await get(path, { 'if-modified-since': lastModified })).statusCode, 304);
    const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
    assert.equal((await get(path, { 'if-modified-since': before })).statusCode, 200);
    // A new episode moves the version: the old ETag no longer matches.
    await seedEpisode(t.services, showId, { title: 'Newest' });
    const changed = await get(path, { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(parseFeed(changed.body)?.items[0]?.title, 'Newest');
  });

  test('the public feed lists public episodes only, without block tags; 404 when the show has none', async () => {
    const res = await get(publicFeedPath(showId));
    assert.equal(res.statusCode, 200);
    const parsed = parseFeed(res.body)!;
    assert.equal(parsed.title, 'Deep Work Radio');
    assert.deepEqual(
      parsed.items.map((i) => i.title),
      ['Trailer'],
    );
    assert.equal(parsed.itunesBlock, false);
    const channel = channelOf(res.body);
    assert.equal(channel['itunes:block'], undefined);
    assert.equal(channel['podcast:block'], undefined);
    assert.match(parsed.items[0]!.enclosure.url, new RegExp(`/podcasts/${showId}/[0-9a-f-]{36}\\.mp3$`));
    assert.equal((await get(publicFeedPath(showId), { 'if-none-match': String(res.headers.etag) })).statusCode, 304);
    const closed = await seedShow(t.services, { publicFeed: false });
    assert.equal((await get(publicFeedPath(closed))).statusCode, 404);
  });

  test('audio answers HEAD with the full length, ranges with 206, 416 past the end, and counts once a day', async () => {
    const { token, feed } = await feedOf(t.services, showId, member);
    const ep = await db()
      .selectFrom('podcast_episodes')
      .selectAll()
      .where('title', '=', 'Members episode')
      .executeTakeFirstOrThrow();
    const url = privateAudioPath(showId, token, ep);
    const size = ep.audio_size!;
    const head = await t.app.inject({ method: 'HEAD', url });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(size));
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.body, '');

    const ua = { 'user-agent': 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)' };
    const two = await get(url, { range: 'bytes=0-1', ...ua });
    assert.equal(two.statusCode, 206);
    assert.equal(two.headers['content-range'], `bytes 0-1/${size}`);
    assert.equal(two.rawPayload.length, 2);
    const tail = await get(url, { range: 'bytes=100-', ...ua });
    assert.equal(tail.statusCode, 206);
    assert.equal(tail.headers['content-range'], `bytes 100-${size - 1}/${size}`);
    assert.equal(tail.rawPayload.length, size - 100);
    const beyond = await get(url, { range: `bytes=${size}-` });
    assert.equal(beyond.statusCode, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${size}`);
    const whole = await get(url, ua);
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.rawPayload.length, size);

    const downloads = await db().selectFrom('podcast_downloads').selectAll().where('episode_id', '=', ep.id).execute();
    assert.equal(downloads.length, 1, 'one download per listener and day');
    assert.equal(downloads[0]!.listener, feed.id);
    const sightings = await db()
      .selectFrom('podcast_feed_sightings')
      .selectAll()
      .where('feed_id', '=', feed.id)
      .execute();
    assert.deepEqual(
      sightings.map((s) => [s.network, s.app]),
      [['127.0.0.0/24', 'overcast']],
    );

    const chapters = await get(`/feeds/${showId}/${token}/${ep.id}/chapters.json`);
    assert.equal(chapters.statusCode, 200);
    assert.deepEqual(JSON.parse(chapters.body), {
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Intro' },
        { startTime: 60, title: 'Main' },
      ],
    });
    const transcript = await get(`/feeds/${showId}/${token}/${ep.id}/transcript.vtt`);
    assert.equal(transcript.statusCode, 200);
    assert.match(transcript.body, /^WEBVTT/);
  });

  test('public audio: a public episode plays and counts, a members-only one is 404', async () => {
    const episodes = await db().selectFrom('podcast_episodes').selectAll().where('show_id', '=', showId).execute();
    const trailer = episodes.find((e) => e.title === 'Trailer')!;
    const members = episodes.find((e) => e.title === 'Members episode')!;
    const ok = await get(publicAudioPath(showId, trailer), { range: 'bytes=0-9' });
    assert.equal(ok.statusCode, 206);
    assert.equal((await get(publicAudioPath(showId, members))).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'HEAD', url: publicAudioPath(showId, members) })).statusCode, 404);
    const counted = await db()
      .selectFrom('podcast_downloads')
      .selectAll()
      .where('episode_id', '=', trailer.id)
      .where('feed_id', 'is', null)
      .execute();
    assert.equal(counted.length, 1);
    assert.match(counted[0]!.listener, /^public:[0-9a-f]{32}$/);
  });

  test('artwork is public and immutable', async () => {
    const show = await db()
      .selectFrom('podcast_shows')
      .selectAll()
      .where('product_id', '=', showId)
      .executeTakeFirstOrThrow();
    const name = show.artwork_key!.split('/').pop();
    const res = await get(`/podcasts/${showId}/artwork/${name}.jpg`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await get(`/podcasts/${showId}/artwork/nothing.jpg`)).statusCode, 404);
  });

  test('a cancelled member hears on until the period ends, then one “ended” item; renewing brings the same feed back', async () => {
    const c = new TestClient(t.app);
    const email = 'leo@example.com';
    const sub = await subscribeAndPay(t, c, { tier: tierSlug, email });
    const { path, token } = await feedOf(t.services, showId, email);
    // The show last changed an hour ago (HTTP dates have whole seconds: this test runs within one).
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await db()
      .updateTable('podcast_shows')
      .set({ feed_changed_at: hourAgo })
      .where('product_id', '=', showId)
      .execute();
    assert.equal(await cancelAtPeriodEnd(t.services, sub.id, { source: 'test' }), 'done');
    forgetAccess();
    const during = parseFeed((await get(path)).body)!;
    assert.ok(during.items.length >= 2, 'episodes until the period end');

    await moveToPeriodEnd(t.services, sub.id);
    await t.drainJobs();
    forgetAccess();
    const ended = await get(path);
    assert.equal(ended.statusCode, 200);
    const items = itemsOf(channelOf(ended.body));
    assert.equal(items.length, 1);
    assert.equal(items[0]!.title, 'Your access has ended');
    assert.match(String(items[0]!.description), /\/membership/);
    assert.equal(parseFeed(ended.body)?.items.length, 1, 'apps see the notice (it has an enclosure)');
    const noticeUrl = new URL(parseFeed(ended.body)!.items[0]!.enclosure.url).pathname;
    const notice = await get(noticeUrl, { range: 'bytes=0-3' });
    assert.equal(notice.statusCode, 206);
    const episode = await db()
      .selectFrom('podcast_episodes')
      .selectAll()
      .where('title', '=', 'Members episode')
      .executeTakeFirstOrThrow();
    assert.equal((await get(privateAudioPath(showId, token, episode))).statusCode, 404, 'no audio after the end');

    await subscribeAndPay(t, c, { tier: tierSlug, email });
    forgetAccess();
    // An app that only sends If-Modified-Since must see the renewal too.
    const sinceEnded = await get(path, { 'if-modified-since': String(ended.headers['last-modified']) });
    assert.equal(sinceEnded.statusCode, 200);
    const renewed = parseFeed(sinceEnded.body)!;
    assert.ok(
      renewed.items.some((i) => i.title === 'Members episode'),
      'same token, episodes back',
    );
  });

  test('a buyer hears the show until the purchase is refunded', async () => {
    const email = 'buyer@example.com';
    const customer = await seedCustomer(db(), { email });
    const product = { id: showId, title: 'Deep Work Radio', priceMinor: 1500 };
    const order = await seedOrder(db(), { customer, items: [{ product }], status: 'paid' });
    await db()
      .insertInto('podcast_purchases')
      .values({
        id: crypto.randomUUID(),
        show_id: showId,
        email,
        order_id: order.id,
        revoked_at: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const { path } = await feedOf(t.services, showId, email);
    const bought = parseFeed((await get(path)).body)!;
    assert.equal(bought.title, 'Deep Work Radio (for buyer@example.com)', 'no member name: the address');
    assert.ok(bought.items.some((i) => i.title === 'Members episode'));
    await db()
      .updateTable('podcast_purchases')
      .set({ revoked_at: new Date().toISOString() })
      .where('email', '=', email)
      .execute();
    forgetAccess();
    const refunded = await get(path);
    const items = itemsOf(channelOf(refunded.body));
    assert.equal(items.length, 1);
    assert.equal(items[0]!.title, 'Your access has ended');
  });

  test('a rotated token is 404 at once and the new one works; a paused feed shows one notice', async () => {
    const { feed, path } = await feedOf(t.services, showId, member);
    assert.ok(await rotateFeed(db(), t.services.config.sessionSecret, feed, new Date().toISOString()));
    const old = await get(path);
    assert.equal(old.statusCode, 404);
    assert.doesNotMatch(old.body, /<html/i);
    const fresh = await feedOf(t.services, showId, member);
    assert.notEqual(fresh.path, path);
    assert.equal((await get(fresh.path)).statusCode, 200);

    assert.ok(await setFeedStatus(db(), feed.id, 'suspended', new Date().toISOString()));
    const paused = await get(fresh.path);
    const items = itemsOf(channelOf(paused.body));
    assert.equal(items.length, 1);
    assert.equal(items[0]!.title, 'This feed is paused');
    const ep = await db()
      .selectFrom('podcast_episodes')
      .selectAll()
      .where('title', '=', 'Members episode')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await get(privateAudioPath(showId, tokenOf(t.services.config.sessionSecret, fresh.feed), ep))).statusCode,
      404,
    );
    await setFeedStatus(db(), feed.id, 'active', new Date().toISOString());
  });

  test('a listener of a show without episodes gets a welcome item, in the show’s language', async () => {
    const tier = await seedTier(t.services, { name: 'Hörer', slug: 'hoerer' });
    const empty = await seedShow(t.services, { title: 'Stille', language: 'de-AT', tierIds: [tier.id] });
    await subscribeAndPay(t, new TestClient(t.app), { tier: 'hoerer', email: 'ida@example.com' });
    const { path } = await feedOf(t.services, empty, 'ida@example.com');
    const parsed = parseFeed((await get(path)).body)!;
    assert.equal(parsed.title, 'Stille (für Mia)');
    assert.deepEqual(
      parsed.items.map((i) => i.title),
      ['Willkommen bei Stille'],
    );
  });

  test('unknown shows and malformed tokens are 404', async () => {
    assert.equal((await get(`/feeds/${showId}/not-a-token`)).statusCode, 404);
    assert.equal((await get(`/feeds/nope/${'a'.repeat(43)}`)).statusCode, 404);
    const long = await get(`/feeds/${showId}/${'a'.repeat(80)}`);
    assert.equal(long.statusCode, 404);
    assert.doesNotMatch(long.body, /<html/i);
    assert.equal((await get('/podcasts/nope/feed.xml')).statusCode, 404);
  });
});
