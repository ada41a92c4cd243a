// Course video in a real browser: the admin uploads a file through the lesson
// editor (the chunked, resumable upload script with its progress bar), the
// worker transcodes it with ffmpeg, and an enrolled student's lesson page plays
// the encrypted HLS through hls.js at the chosen speed.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findAdminByEmail } from '../../src/features/auth/queries.js';
import { SESSION_COOKIE, startSession } from '../../src/features/auth/sessions.js';
import { enrol, generateVideo, seedCourseLesson } from '../../src/features/course-video/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../../src/features/library/sessions.js';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: upload, transcode and play a lesson video', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Filmschule');

  test('admin uploads in chunks → transcoded → the student plays it', async () => {
    const { t, browser } = live;
    const db = t.services.database.db;
    const course = await seedCourseLesson(db);
    await enrol(db, course.productId, 'student@example.com');
    const file = join(tmpdir(), `vf-browser-video-${course.lessonId}.mp4`);
    writeFileSync(file, await generateVideo({ seconds: 4 }));
    const admin = await findAdminByEmail(db, TEST_ADMIN.email);
    assert.ok(admin);
    const { hostname } = new URL(t.base);
    await browser.context.addCookies([
      { name: SESSION_COOKIE, value: await startSession(db, admin.id, true), domain: hostname, path: '/' },
      {
        name: CUSTOMER_COOKIE,
        value: await startCustomerSession(db, 'student@example.com'),
        domain: hostname,
        path: '/',
      },
    ]);
    const page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    const errors = collectPageErrors(page);

    await page.goto(`${t.base}/admin/courses/${course.productId}/lessons/${course.lessonId}`);
    await page.locator('#cv-video-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload video' }).click();
    // The page reloads once the upload is complete, then shows the status until transcoding ends.
    await page.getByText('Ready', { exact: true }).waitFor();
    const upload = await db.selectFrom('course_video_uploads').select('chunk_keys').executeTakeFirstOrThrow();
    assert.notEqual(upload.chunk_keys, '[]', 'sent in chunks by the script, not as one form post');
    rmSync(file, { force: true });

    await page.goto(`${t.base}/learn/c-${course.productId}/light`);
    const video = page.locator('video.lesson-video-media');
    await page.getByLabel('Speed').selectOption('1.5');
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 1);
    assert.equal(await video.evaluate((v: HTMLVideoElement) => v.playbackRate), 1.5);
    assert.deepEqual(errors, []);
  });
});
