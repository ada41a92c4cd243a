import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { HttpClient } from '../../testing/http.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { publishDueEpisode } from './publish-episode.js';

/**
 * Episodes through the admin's forms over real HTTP: real audio made by
 * ffmpeg, its duration read by the probe job with ffprobe, files refused by
 * their bytes, chapters checked by line, publishing never without audio,
 * schedules whose moved job does nothing, back to draft, and deleting a draft
 * with its files.
 */

const run = promisify(execFile);

describe('podcast episodes in the admin', () => {
  let t: TestApp;
  let admin: HttpClient;
  let dir: string;
  let mp3: Buffer;
  let showId: string;
  let episodeId: string;
  const db = () => t.services.database.db;
  const editor = () => `/admin/podcasts/${showId}/episodes/${episodeId}`;
  const episode = () =>
    db().selectFrom('podcast_episodes').selectAll().where('id', '=', episodeId).executeTakeFirstOrThrow();
  const feedVersion = async () =>
    (
      await db()
        .selectFrom('podcast_shows')
        .select('feed_version')
        .where('product_id', '=', showId)
        .executeTakeFirstOrThrow()
    ).feed_version;
  const uploadAudio = (content: Buffer, filename = 'episode.mp3') =>
    admin.postMultipart(`${editor()}/audio`, {}, [{ name: 'audio', filename, content, type: 'audio/mpeg' }], {
      formPage: editor(),
    });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vf-podcast-test-'));
    const file = join(dir, 'sine.mp3');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=3', '-c:a', 'libmp3lame', '-b:a', '64k', file]);
    mp3 = await readFile(file);
    t = await buildTestApp();
    await setUpStore(t.services); // the store's clock: Europe/Berlin, the default
    admin = await HttpClient.listen(t.app);
    await admin.login();
    const created = await admin.postForm(
      '/admin/podcasts/new',
      { title: 'Garden Hour' },
      { formPage: '/admin/podcasts' },
    );
    showId = /\/admin\/podcasts\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1] ?? '';
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a new episode is a draft; it cannot be published without audio', async () => {
    const show = `/admin/podcasts/${showId}`;
    const empty = await admin.postForm(`${show}/episodes`, { title: '' }, { formPage: show });
    assert.equal(empty.status, 400);
    const created = await admin.postForm(`${show}/episodes`, { title: 'Seeds' }, { formPage: show });
    assert.equal(created.status, 303);
    episodeId = /\/episodes\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1] ?? '';
    assert.equal((await episode()).status, 'draft');
    const publish = await admin.postForm(`${editor()}/publish`, {}, { formPage: editor() });
    assert.equal(publish.status, 400);
    assert.match(publish.body, /cannot be published without it/);
    assert.equal((await episode()).status, 'draft');
  });

  test('texts, numbers and chapters are checked; an error names the chapter line', async () => {
    const fields = {
      title: 'Seeds',
      summary: 'What to sow in spring.',
      notes: 'See [the list](https://example.com).',
      season: '2',
      number: '1',
      type: 'full',
      access: 'listeners',
      chapters: '00:00 Hello\n03:10 Tomatoes\n02:00 Beans',
    };
    const bad = await admin.postForm(`${editor()}/details`, { ...fields, season: '0' }, { formPage: editor() });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Line 3 must start later/);
    assert.match(bad.body, /whole number from 1/);
    assert.equal((await episode()).season, null);

    const version = await feedVersion();
    const ok = await admin.postForm(
      `${editor()}/details`,
      { ...fields, chapters: '00:00 Hello\n03:10 Tomatoes\n1:02:00 Beans', number: '' },
      { formPage: editor() },
    );
    assert.equal(ok.status, 303);
    const e = await episode();
    assert.deepEqual([e.season, e.episode_number, e.summary, e.notes_md], [2, null, fields.summary, fields.notes]);
    assert.deepEqual(JSON.parse(e.chapters), [
      { start: 0, title: 'Hello' },
      { start: 190, title: 'Tomatoes' },
      { start: 3720, title: 'Beans' },
    ]);
    assert.equal(await feedVersion(), version + 1);
    assert.match((await admin.get(editor())).body, /01:02:00 Beans|1:02:00 Beans/);
  });

  test('audio is checked by its bytes, streamed to storage and its duration read by ffprobe', async () => {
    const text = await uploadAudio(Buffer.from('just some words, not sound'));
    assert.equal(text.status, 400);
    assert.match(text.body, /not an audio file/);
    assert.equal((await episode()).audio_key, null);

    const ok = await uploadAudio(mp3, 'anything.bin');
    assert.equal(ok.status, 303);
    const e = await episode();
    assert.ok(e.audio_key?.startsWith('podcast-audio/'));
    assert.equal(e.audio_type, 'audio/mpeg');
    assert.equal(e.audio_size, mp3.length);
    assert.match(e.audio_sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(e.duration_seconds, null);
    await t.drainJobs();
    assert.equal((await episode()).duration_seconds, 3);
    assert.match((await admin.get(editor())).body, /Length: 0:03/);
  });

  test('audio ffprobe cannot read is reported in the editor; a new upload replaces it and deletes the old file', async () => {
    const old = (await episode()).audio_key ?? '';
    const garbage = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(4000, 7)]);
    assert.equal((await uploadAudio(garbage)).status, 303);
    assert.equal(await t.services.storage.size(old), undefined, 'the replaced file is deleted');
    await t.drainJobs();
    const e = await episode();
    assert.equal(e.duration_seconds, null);
    assert.match((await admin.get(editor())).body, /Could not read the audio/);

    assert.equal((await uploadAudio(mp3)).status, 303);
    await t.drainJobs();
    assert.equal((await episode()).duration_seconds, 3);
    assert.doesNotMatch((await admin.get(editor())).body, /Could not read the audio/);
  });

  test('scheduled on the store’s clock; the job of a moved schedule does nothing', async () => {
    const past = await admin.postForm(
      `${editor()}/schedule`,
      { publishAt: '2001-01-01T10:00' },
      { formPage: editor() },
    );
    assert.equal(past.status, 400);
    assert.match(past.body, /time in the future/);

    const first = new Date(Date.now() + 2 * 86_400_000);
    first.setUTCSeconds(0, 0);
    const later = new Date(first.getTime() + 86_400_000);
    for (const at of [first, later]) {
      const r = await admin.postForm(
        `${editor()}/schedule`,
        { publishAt: utcToLocalInput(at.toISOString(), 'Europe/Berlin') },
        { formPage: editor() },
      );
      assert.equal(r.status, 303);
    }
    const e = await episode();
    assert.equal(e.status, 'scheduled');
    assert.equal(e.publish_at, later.toISOString(), 'entered on Berlin time, stored as UTC');
    const jobs = await db()
      .selectFrom('jobs')
      .select(['run_at', 'unique_key'])
      .where('kind', '=', 'podcasts.publish')
      .orderBy('run_at')
      .execute();
    assert.deepEqual(
      jobs.map((j) => j.run_at),
      [first.toISOString(), later.toISOString()],
    );
    assert.match((await admin.get(`/admin/podcasts/${showId}`)).body, /Scheduled for/);

    // The first job runs (made due now): the episode is due later, so it stays scheduled.
    await db()
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('unique_key', '=', jobs[0]?.unique_key ?? '')
      .execute();
    assert.equal(await t.drainJobs(), 1);
    assert.equal((await episode()).status, 'scheduled');
    assert.equal(await publishDueEpisode(db(), episodeId, new Date(first.getTime() + 1000)), false);
    assert.equal((await episode()).status, 'scheduled');
    const version = await feedVersion();
    assert.equal(await publishDueEpisode(db(), episodeId, new Date(later.getTime() + 1000)), true);
    const published = await episode();
    assert.equal(published.status, 'published');
    assert.equal(published.published_at, later.toISOString());
    assert.equal(await feedVersion(), version + 1);
    assert.equal(await publishDueEpisode(db(), episodeId, new Date(later.getTime() + 5000)), false, 'once only');
  });

  test('downloads: per episode in all, per show over the last 30 days', async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (const [listener, daysAgo] of [
      ['a', 0],
      ['b', 3],
      ['c', 40],
    ] as const)
      await db()
        .insertInto('podcast_downloads')
        .values({
          episode_id: episodeId,
          listener,
          day: day(daysAgo),
          show_id: showId,
          feed_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    const list = (await admin.get('/admin/podcasts')).body;
    assert.match(list, /Garden Hour<\/a><\/td><td>1<\/td><td>2<\/td><td>0<\/td>/);
    const show = (await admin.get(`/admin/podcasts/${showId}`)).body;
    assert.match(show, /<td>0:03<\/td><td>3<\/td>/);
  });

  test('back to draft, then deleted after the confirm page with its files; a published episode is not deleted', async () => {
    const published = await admin.postForm(`${editor()}/delete`, {}, { formPage: editor() });
    assert.equal(published.status, 400);
    assert.equal((await episode()).status, 'published');

    const draft = await admin.postForm(`${editor()}/unpublish`, {}, { formPage: editor() });
    assert.equal(draft.status, 303);
    const e = await episode();
    assert.deepEqual([e.status, e.published_at, e.publish_at], ['draft', null, null]);

    const confirm = await admin.get(`${editor()}/delete`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /Delete “Seeds”\?/);
    const audioKey = e.audio_key ?? '';
    assert.ok(await t.services.storage.size(audioKey));
    const deleted = await admin.postForm(`${editor()}/delete`, {}, { formPage: `${editor()}/delete` });
    assert.equal(deleted.status, 303);
    assert.equal(
      await db().selectFrom('podcast_episodes').select('id').where('id', '=', episodeId).executeTakeFirst(),
      undefined,
    );
    assert.equal(await t.services.storage.size(audioKey), undefined);
    assert.equal((await admin.get(editor())).status, 404);
  });

  test('a transcript is WebVTT or SRT by its content', async () => {
    const show = `/admin/podcasts/${showId}`;
    const created = await admin.postForm(`${show}/episodes`, { title: 'Roots' }, { formPage: show });
    episodeId = /\/episodes\/([0-9a-f-]{36})/.exec(created.location ?? '')?.[1] ?? '';
    const send = (content: string, filename: string) =>
      admin.postMultipart(`${editor()}/transcript`, {}, [{ name: 'transcript', filename, content }], {
        formPage: editor(),
      });
    const wrong = await send('Hello, this is just text.', 'words.vtt');
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /neither a WebVTT nor an SRT/);
    assert.equal((await send('1\n00:00:00,000 --> 00:00:02,500\nHello\n', 'a.txt')).status, 303);
    assert.equal((await episode()).transcript_type, 'application/x-subrip');
    const srtKey = (await episode()).transcript_key ?? '';
    assert.equal((await send('\uFEFFWEBVTT\n\n00:00.000 --> 00:02.500\nHello\n', 'b.txt')).status, 303);
    assert.equal((await episode()).transcript_type, 'text/vtt');
    assert.equal(await t.services.storage.size(srtKey), undefined);
  });
});
