import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Job } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { multipartBody } from '../catalog/testing.js';
import { chunkKeysOf } from './queries.js';
import { segmentKeys } from './store-hls.js';
import { generateVideo, seedCourseLesson } from './testing.js';
import { transcodeVideoHandler } from './transcode-video.job.js';

describe('course video: form upload, failure, rerun and removal', () => {
  let t: TestApp;
  let admin: TestClient;
  let csrf: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    csrf = await admin.csrfFrom('/admin/posts/new');
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** The plain form post (no script): the whole file in one multipart request. */
  const formUpload = async (lessonId: string, content: Buffer) => {
    const { body, contentType } = multipartBody([
      { name: '_csrf', value: csrf },
      { name: 'lessonId', value: lessonId },
      { name: 'file', filename: 'clip.mp4', content, type: 'video/mp4' },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/courses/videos/form-upload',
      payload: body,
      headers: { 'content-type': contentType, cookie: admin.cookieHeader },
    });
    assert.equal(res.statusCode, 303, res.body);
    const lesson = await db()
      .selectFrom('course_lessons')
      .select('video_id')
      .where('id', '=', lessonId)
      .executeTakeFirstOrThrow();
    return lesson.video_id as string;
  };
  const video = (id: string) => db().selectFrom('course_videos').selectAll().where('id', '=', id).executeTakeFirst();

  test('a file that is no video ends as failed with the reason, shown to the admin', async () => {
    const { lessonId } = await seedCourseLesson(db());
    const id = await formUpload(lessonId, Buffer.from('this is not a video at all'));
    await t.drainJobs();
    const row = await video(id);
    assert.equal(row?.status, 'failed');
    assert.ok(row?.error, 'the reason is kept');
    const status = await admin.get(`/admin/courses/videos/${id}/status`, { accept: 'application/json' });
    assert.equal((status.json() as { status: string }).status, 'failed');
  });

  test('a rerun over a finished run keeps one set of files; removal deletes them all', async () => {
    const { lessonId } = await seedCourseLesson(db());
    const id = await formUpload(lessonId, await generateVideo({ seconds: 3 }));
    await t.drainJobs();
    const first = await video(id);
    assert.equal(first?.status, 'ready');
    const firstKeys = await filesOf(id);
    assert.ok(firstKeys.length > 2);
    // As if a worker had lost its lease while finishing: another run goes through the whole job again.
    await db().updateTable('course_videos').set({ status: 'transcoding' }).where('id', '=', id).execute();
    await transcodeVideoHandler.handle({ videoId: id }, jobContext());
    const second = await video(id);
    assert.equal(second?.status, 'ready');
    assert.notEqual(second?.hls_prefix, first?.hls_prefix);
    for (const key of firstKeys) assert.equal(await t.services.storage.size(key), undefined, `${key} deleted`);
    const secondKeys = await filesOf(id);
    for (const key of secondKeys) assert.ok(await t.services.storage.size(key), `${key} stored`);

    const csrfRemove = await admin.postForm(`/admin/courses/videos/${id}/remove`, {}, { csrf });
    assert.equal(csrfRemove.statusCode, 303);
    await t.drainJobs();
    assert.equal(await video(id), undefined);
    for (const key of [...secondKeys, second?.source_key ?? ''])
      assert.equal(await t.services.storage.size(key), undefined);
    const lesson = await db()
      .selectFrom('course_lessons')
      .select('video_id')
      .where('id', '=', lessonId)
      .executeTakeFirst();
    assert.equal(lesson?.video_id, null);
  });

  const filesOf = async (id: string) => {
    const v = await video(id);
    const renditions = await db()
      .selectFrom('course_video_renditions')
      .selectAll()
      .where('video_id', '=', id)
      .execute();
    const uploads = await db()
      .selectFrom('course_video_uploads')
      .select('chunk_keys')
      .where('video_id', '=', id)
      .execute();
    return [
      ...renditions.flatMap((r) => segmentKeys(v?.hls_prefix ?? '', r.name, r.playlist)),
      ...(v?.poster_key ? [v.poster_key] : []),
      ...uploads.flatMap((u) => chunkKeysOf(u.chunk_keys)),
    ];
  };

  const jobContext = () => ({
    db: db(),
    services: t.services,
    log: t.services.log,
    job: {} as Job,
    signal: new AbortController().signal,
  });
});
