import assert from 'node:assert/strict';
import { createDecipheriv } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { loadLessonVideo } from './player.js';
import { enrol, generateVideo, revokeEnrolment, type SeededLesson, seedCourseLesson } from './testing.js';
import { videoBase } from './video-token.js';

const CHUNK = 64 * 1024;

describe('course video: resumable upload, real ffmpeg, gated HLS', () => {
  let t: TestApp;
  let admin: TestClient;
  let csrf: string;
  let course: SeededLesson;
  let source: Buffer;
  let videoId: string;
  let enrolmentId: string;
  const student = 'student@example.com';
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    csrf = await admin.csrfFrom('/admin/posts/new');
    course = await seedCourseLesson(t.services.database.db);
    enrolmentId = await enrol(t.services.database.db, course.productId, student);
    source = await generateVideo();
  });
  after(() => t.close());

  const api = (
    method: 'POST' | 'PUT' | 'HEAD',
    url: string,
    opts: { json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        cookie: admin.cookieHeader,
        accept: 'application/json',
        'x-csrf-token': csrf,
        ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.body ? { 'content-type': 'application/octet-stream' } : {}),
        ...opts.headers,
      },
      ...(opts.json !== undefined ? { payload: JSON.stringify(opts.json) } : {}),
      ...(opts.body ? { payload: opts.body } : {}),
    });
  const putChunk = (url: string, start: number, end: number) =>
    api('PUT', url, {
      body: source.subarray(start, end + 1),
      headers: { 'content-range': `bytes ${start}-${end}/${source.length}` },
    });

  const tokenFor = (
    viewer: { enrolmentId: string | null; admin: boolean },
    expiresAt = Math.floor(Date.now() / 1000) + 3600,
  ) => videoBase(t.services.config.sessionSecret, { videoId, lessonId: course.lessonId, ...viewer, expiresAt });

  test('uploads in chunks, resumes after a lost answer, and transcodes', async () => {
    const start = await api('POST', '/admin/courses/videos/uploads', {
      json: { lessonId: course.lessonId, fileName: 'light.mp4', totalBytes: source.length },
    });
    assert.equal(start.statusCode, 201, start.body);
    const { uploadUrl, videoId: id } = start.json() as { uploadUrl: string; videoId: string };
    videoId = id;
    const first = await putChunk(uploadUrl, 0, CHUNK - 1);
    assert.equal(first.statusCode, 200, first.body);
    // The client lost the answer to this chunk and sends it again: refused with the real offset.
    const again = await putChunk(uploadUrl, 0, CHUNK - 1);
    assert.equal(again.statusCode, 409);
    assert.equal(again.headers['upload-offset'], String(CHUNK));
    const head = await api('HEAD', uploadUrl);
    assert.equal(head.headers['upload-offset'], String(CHUNK));
    let offset = CHUNK;
    while (offset < source.length) {
      const end = Math.min(offset + CHUNK, source.length) - 1;
      const res = await putChunk(uploadUrl, offset, end);
      assert.equal(res.statusCode, 200, res.body);
      offset = end + 1;
    }
    assert.equal((await status()).status, 'queued');
    await t.drainJobs();
    const done = await status();
    assert.equal(done.status, 'ready', done.error ?? '');
    assert.equal(done.progress, 100);
  });

  const status = async () =>
    (await admin.get(`/admin/courses/videos/${videoId}/status`, { accept: 'application/json' })).json() as {
      status: string;
      progress: number;
      error: string | null;
    };

  test('an enrolled student gets playlists, a segment and the key, and the segment decrypts', async () => {
    const video = await loadLessonVideo(
      t.services,
      { id: course.lessonId, video_id: videoId },
      { enrolmentId, admin: false },
    );
    assert.equal(video?.state, 'ready');
    if (video?.state !== 'ready') return;
    const master = await t.app.inject({ url: video.masterUrl, headers: { accept: 'application/json' } });
    assert.equal(master.statusCode, 200, master.body);
    assert.match(master.headers['content-type'] as string, /mpegurl/);
    assert.deepEqual(master.body.match(/^\d+p\/index\.m3u8$/gm), ['240p/index.m3u8', '360p/index.m3u8']);
    const base = video.masterUrl.replace(/master\.m3u8$/, '');
    const playlist = await t.app.inject(`${base}360p/index.m3u8`);
    assert.equal(playlist.statusCode, 200);
    assert.match(playlist.body, /#EXT-X-KEY:METHOD=AES-128,URI="\.\.\/key"/);
    const segment = /^([0-9a-f-]{36}\.ts)$/m.exec(playlist.body)?.[1];
    assert.ok(segment, playlist.body);
    const key = await t.app.inject(`${base}key`);
    assert.equal(key.statusCode, 200);
    assert.equal(key.rawPayload.length, 16);
    const seg = await t.app.inject(`${base}360p/${segment}`);
    assert.equal(seg.statusCode, 200);
    assert.equal(seg.headers['content-type'], 'video/mp2t');
    // No IV in the playlist: the IV is the segment's media sequence number (0 for the first).
    const decipher = createDecipheriv('aes-128-cbc', key.rawPayload, Buffer.alloc(16));
    const plain = Buffer.concat([decipher.update(seg.rawPayload), decipher.final()]);
    assert.equal(plain[0], 0x47, 'an MPEG-TS packet starts with the sync byte');
    assert.equal(plain[188], 0x47);
    const part = await t.app.inject({ url: `${base}360p/${segment}`, headers: { range: 'bytes=0-99' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.rawPayload.length, 100);
    assert.equal((await t.app.inject(`${base}poster.jpg`)).headers['content-type'], 'image/jpeg');
  });

  test('forged, expired or foreign tokens answer 403', async () => {
    // An enrolment in another course does not open this one.
    const other = await seedCourseLesson(t.services.database.db);
    const strangerEnrolment = await enrol(t.services.database.db, other.productId, 'stranger@example.com');
    const noEnrolment = tokenFor({ enrolmentId: null, admin: false });
    const good = tokenFor({ enrolmentId, admin: false });
    const forged = good.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const expired = tokenFor({ enrolmentId, admin: false }, Math.floor(Date.now() / 1000) - 1);
    const stranger = tokenFor({ enrolmentId: strangerEnrolment, admin: false });
    const adminTokenWithoutSession = tokenFor({ enrolmentId: null, admin: true });
    for (const base of [forged, expired, stranger, noEnrolment]) {
      for (const path of ['master.m3u8', '360p/index.m3u8', 'key']) {
        assert.equal((await t.app.inject(`${base}/${path}`)).statusCode, 403, `${path} via ${base}`);
      }
    }
    assert.equal((await t.app.inject(`${adminTokenWithoutSession}/key`)).statusCode, 403);
    const withSession = await t.app.inject({
      url: `${adminTokenWithoutSession}/key`,
      headers: { cookie: admin.cookieHeader },
    });
    assert.equal(withSession.statusCode, 200);
  });

  test('captions: WebVTT only, then offered as a track', async () => {
    const { multipartBody } = await import('../catalog/testing.js');
    const post = (content: string) => {
      const { body, contentType } = multipartBody([
        { name: '_csrf', value: csrf },
        { name: 'lang', value: 'de' },
        { name: 'file', filename: 'de.vtt', content: Buffer.from(content), type: 'text/vtt' },
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/admin/courses/videos/${videoId}/captions`,
        payload: body,
        headers: { 'content-type': contentType, cookie: admin.cookieHeader },
      });
    };
    const bad = await post('1\n00:00.000 --> 00:01.000\nHallo');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /WEBVTT/);
    assert.equal((await post('WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n')).statusCode, 303);
    const video = await loadLessonVideo(
      t.services,
      { id: course.lessonId, video_id: videoId },
      { enrolmentId, admin: false },
    );
    assert.equal(video?.state === 'ready' && video.captions[0]?.lang, 'de');
    if (video?.state !== 'ready' || !video.captions[0]) return;
    const vtt = await t.app.inject(video.captions[0].url);
    assert.equal(vtt.statusCode, 200);
    assert.match(vtt.body, /^WEBVTT/);
  });

  test('bad upload input answers a clear 4xx, never a 500', async () => {
    // Another lesson: a new upload would replace the video of the lesson above.
    const course = await seedCourseLesson(t.services.database.db);
    const cases = [
      await api('POST', '/admin/courses/videos/uploads', { json: { lessonId: course.lessonId, fileName: 'x.mp4' } }),
      await api('POST', '/admin/courses/videos/uploads', {
        json: { lessonId: '00000000-0000-4000-8000-000000000000', fileName: 'x.mp4', totalBytes: 10 },
      }),
      await api('POST', '/admin/courses/videos/uploads', {
        json: { lessonId: course.lessonId, fileName: 'x.mp4', totalBytes: 10 ** 13 },
      }),
      await api('PUT', '/admin/courses/videos/uploads/00000000-0000-4000-8000-000000000000', {
        body: Buffer.from('x'),
        headers: { 'content-range': 'bytes 0-0/1' },
      }),
    ];
    assert.deepEqual(
      cases.map((r) => r.statusCode),
      [400, 404, 413, 404],
    );
    for (const r of cases) assert.match(r.headers['content-type'] as string, /problem\+json/);
    const started = await api('POST', '/admin/courses/videos/uploads', {
      json: { lessonId: course.lessonId, fileName: 'x.mp4', totalBytes: 10 },
    });
    const url = (started.json() as { uploadUrl: string }).uploadUrl;
    const put = (range: string | undefined, body = Buffer.from('0123456789')) =>
      api('PUT', url, { body, headers: range ? { 'content-range': range } : {} });
    assert.equal((await put(undefined)).statusCode, 400);
    assert.equal((await put('bytes 0-9/11')).statusCode, 400, 'another total');
    assert.equal((await put('bytes 0-4/10')).statusCode, 400, 'more bytes than announced');
    assert.equal((await put('bytes 0-9/10', Buffer.from('01234'))).statusCode, 400, 'fewer bytes than announced');
    assert.equal((await put('bytes 5-9/10')).statusCode, 409);
    const noCsrf = await t.app.inject({
      method: 'PUT',
      url,
      payload: Buffer.from('0123456789'),
      headers: {
        cookie: admin.cookieHeader,
        'content-type': 'application/octet-stream',
        'content-range': 'bytes 0-9/10',
        accept: 'application/json',
      },
    });
    assert.equal(noCsrf.statusCode, 403);
    const { multipartBody } = await import('../catalog/testing.js');
    const form = multipartBody([
      { name: '_csrf', value: csrf },
      { name: 'lessonId', value: course.lessonId },
    ]);
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/admin/courses/videos/form-upload',
      payload: form.body,
      headers: { 'content-type': form.contentType, cookie: admin.cookieHeader },
    });
    assert.equal(noFile.statusCode, 400);
    assert.match(noFile.body, /choose a file/);
  });

  test('after a refund the playlists, segments and key answer 403', async () => {
    const base = tokenFor({ enrolmentId, admin: false });
    const playlist = await t.app.inject(`${base}/360p/index.m3u8`);
    assert.equal(playlist.statusCode, 200);
    const segment = /^([0-9a-f-]{36}\.ts)$/m.exec(playlist.body)?.[1];
    await revokeEnrolment(t.services.database.db, enrolmentId);
    for (const path of ['master.m3u8', '360p/index.m3u8', `360p/${segment}`, 'key', 'poster.jpg']) {
      assert.equal((await t.app.inject(`${base}/${path}`)).statusCode, 403, path);
    }
  });
});
