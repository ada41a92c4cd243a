// A course from the student's side in a real browser: buy it, watch the video
// lesson to the end (the player's reports complete it), the next lesson opens,
// pass its quiz, download the certificate and open its verification page; a
// refund then closes the playlist, the segments and the key, and the
// verification page says the certificate is revoked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { postMultipart } from '../../src/features/catalog/testing.js';
import { generateVideo } from '../../src/features/course-video/testing.js';
import { seedCourse } from '../../src/features/courses/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../../src/features/library/sessions.js';
import { TestClient } from '../../src/testing/app.js';
import { collectPageErrors, type LiveApp, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

/** The second lesson: opens once the first is complete, and is completed by a one-question quiz. */
async function addQuiz(t: LiveApp, lessonId: string, afterLessonId: string) {
  const db = t.services.database.db;
  const now = new Date().toISOString();
  await db
    .updateTable('course_lessons')
    .set({
      unlock_kind: 'after_lesson',
      unlock_after_lesson_id: afterLessonId,
      completion: 'quiz',
      title: 'Soil check',
    })
    .where('id', '=', lessonId)
    .execute();
  const quizId = randomUUID();
  const questionId = randomUUID();
  await db
    .insertInto('course_quizzes')
    .values({
      id: quizId,
      lesson_id: lessonId,
      pass_percent: 100,
      max_attempts: 3,
      required: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('course_quiz_questions')
    .values({
      id: questionId,
      quiz_id: quizId,
      kind: 'single',
      prompt: 'Which soil drains best?',
      position: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [position, [label, correct]] of [
    ['Clay', 0],
    ['Sand', 1],
    ['Peat', 0],
  ].entries()) {
    await db
      .insertInto('course_quiz_options')
      .values({ id: randomUUID(), question_id: questionId, label: String(label), correct: Number(correct), position })
      .execute();
  }
}

describe('browser: take a course from the purchase to the certificate', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Gartenwerk');

  test('buy → watch → next lesson opens → quiz → certificate → verify; a refund closes the video', async () => {
    const { t, browser } = live;
    const db = t.services.database.db;
    const course = await seedCourse(t.services, { title: 'Garden Design', lessons: 2 });
    const [videoLesson = '', quizLesson = ''] = course.lessonIds;
    await addQuiz(t, quizLesson, videoLesson);
    const admin = new TestClient(t.app);
    await admin.login();
    const editor = `/admin/courses/${course.productId}/lessons/${videoLesson}`;
    const parts = [
      { name: 'lessonId', value: videoLesson },
      { name: 'file', filename: 'planting.mp4', content: await generateVideo({ seconds: 3 }), type: 'video/mp4' },
    ];
    const uploaded = await postMultipart(t.app, admin, '/admin/courses/videos/form-upload', parts, editor);
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));

    const page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    const errors = collectPageErrors(page);
    await page.goto(`${t.base}/p/${course.slug}`);
    await page.getByText('What the course contains').waitFor();
    await page.getByLabel('Email address').fill('gardener@example.com');
    await page.getByLabel(/I expressly agree/).check();
    await Promise.all([page.waitForURL(/\/pay\/test\//), page.getByRole('button', { name: /Buy now/ }).click()]);
    await Promise.all([
      page.waitForURL(/\/checkout\/orders\//),
      page.getByRole('button', { name: 'Pay (succeeds)' }).click(),
    ]);
    await page.getByRole('heading', { name: 'Thank you for your purchase!' }).waitFor();
    // The transcoding (a job) is done by the time the student arrives; wait for it as a student would.
    for (let i = 0; i < 120; i++) {
      const v = await db.selectFrom('course_videos').select('status').executeTakeFirst();
      if (v?.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { hostname } = new URL(t.base);
    const session = await startCustomerSession(db, 'gardener@example.com');
    await browser.context.addCookies([{ name: CUSTOMER_COOKIE, value: session, domain: hostname, path: '/' }]);

    await page.goto(`${t.base}/learn/${course.slug}`);
    await page.getByText('Your progress: 0 of 2 lessons').waitFor();
    assert.equal(await page.locator('.lesson-locked').count(), 1, 'the quiz lesson waits for the video lesson');
    await page.getByRole('link', { name: 'Start the course' }).click();
    const video = page.locator('video.lesson-video-media');
    const masterPath = await video.getAttribute('data-hls-src');
    assert.ok(masterPath);
    const masterUrl = new URL(masterPath, t.base).href;
    await page.getByLabel('Speed').selectOption('2');
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).ended, null, {
      timeout: 30_000,
    });
    // The report on "ended" completes the lesson.
    for (let i = 0; i < 40; i++) {
      const done = await db
        .selectFrom('lesson_progress')
        .select('completed_at')
        .where('lesson_id', '=', videoLesson)
        .executeTakeFirst();
      if (done?.completed_at) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.goto(`${t.base}/learn/${course.slug}`);
    await page.getByText('Your progress: 1 of 2 lessons').waitFor();
    await page.getByRole('link', { name: 'Continue where you left off' }).click();
    await page.getByRole('heading', { name: 'Soil check' }).waitFor();
    await page.getByLabel('Sand').check();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.getByText('Passed. The lesson is complete.').waitFor();

    // The completion job issues the certificate; the overview offers it.
    let certificate = '';
    for (let i = 0; i < 60 && !certificate; i++) {
      await page.goto(`${t.base}/learn/${course.slug}`);
      if (await page.getByText('You have completed this course').count()) {
        certificate = (await page.getByRole('link', { name: 'Download the certificate (PDF)' }).count()) ? 'yes' : '';
      }
      if (!certificate) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(certificate, 'the certificate is offered');
    const pdfHref = await page.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${t.base}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.getByRole('link', { name: /Verification page/ }).click();
    await page.getByText('This certificate is valid.').waitFor();
    const verifyUrl = page.url();

    // The video is served while access lasts …
    const master = await page.request.get(masterUrl);
    assert.equal(master.status(), 200);
    const rendition = /^(\S+\/index\.m3u8)$/m.exec(await master.text())?.[1] ?? '';
    const renditionUrl = new URL(rendition, masterUrl).href;
    const playlist = await page.request.get(renditionUrl);
    assert.equal(playlist.status(), 200);
    const body = await playlist.text();
    const segmentUrl = new URL(/^(\S+\.ts)$/m.exec(body)?.[1] ?? '', renditionUrl).href;
    const keyUrl = new URL(/URI="([^"]+)"/.exec(body)?.[1] ?? '', renditionUrl).href;
    assert.equal((await page.request.get(segmentUrl)).status(), 200);
    assert.equal((await page.request.get(keyUrl)).status(), 200);

    // … and closed by a refund: the same URLs answer 403, the certificate is revoked.
    const order = await db
      .selectFrom('orders')
      .select('id')
      .where('email', '=', 'gardener@example.com')
      .executeTakeFirstOrThrow();
    const detail = `/admin/orders/${order.id}`;
    assert.equal((await admin.postForm(`${detail}/refund`, { confirm: 'yes' }, { formPage: detail })).statusCode, 303);
    await t.drainJobs();
    for (const url of [masterUrl, renditionUrl, segmentUrl, keyUrl]) {
      assert.equal((await page.request.get(url)).status(), 403, url);
    }
    await page.goto(verifyUrl);
    await page.getByText(/This certificate was revoked on/).waitFor();
    assert.deepEqual(errors, [], 'no page errors before the refund');
  });
});
