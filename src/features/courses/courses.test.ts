import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Order } from '../../db/schema.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { PRODUCT_FORM, postMultipart } from '../catalog/testing.js';
import { latestOrder } from '../checkout/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';

/**
 * A course from the creator's first click to a refund: built in the admin,
 * bought through the checkout, taken lesson by lesson with drip and progress,
 * and closed again by a refund — every lesson, file and report then refused.
 */
describe('courses', () => {
  let t: TestApp;
  let admin: TestClient;
  let courseId: string;
  let slug: string;
  let attachmentId: string;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  const lessonIdOf = async (lessonSlug: string) =>
    (
      await db()
        .selectFrom('course_lessons')
        .select('id')
        .where('product_id', '=', courseId)
        .where('slug', '=', lessonSlug)
        .executeTakeFirstOrThrow()
    ).id;

  const saveLesson = (lessonSlug: string, fields: Record<string, string>) =>
    lessonIdOf(lessonSlug).then((id) =>
      admin.postForm(`/admin/courses/${courseId}/lessons/${id}`, {
        title: lessonSlug,
        slug: lessonSlug,
        body: '',
        status: 'published',
        unlockKind: 'immediate',
        unlockDays: '',
        unlockAt: '',
        unlockAfter: '',
        ...fields,
      }),
    );

  async function student(email: string): Promise<TestClient> {
    const c = new TestClient(t.app);
    c.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), email));
    return c;
  }

  async function buy(email: string): Promise<Order> {
    const c = new TestClient(t.app);
    const res = await c.postForm(
      '/checkout',
      { productId: courseId, digitalConsent: '1', email },
      { formPage: `/checkout?product=${courseId}` },
    );
    const payUrl = String(res.headers.location);
    await c.postForm(payUrl, { outcome: 'pay' }, { formPage: payUrl });
    await t.drainJobs();
    return latestOrder(t.services);
  }

  test('the creator builds a course: module, lessons, release rules; bad input re-renders with errors', async () => {
    const created = await admin.postForm(
      '/admin/courses/new',
      { title: 'Garden Design' },
      { formPage: '/admin/courses' },
    );
    assert.equal(created.statusCode, 303);
    courseId = /\/admin\/courses\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? '';
    assert.ok(courseId);
    const empty = await admin.postForm('/admin/courses/new', { title: '  ' }, { formPage: '/admin/courses' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter a title/);

    const editor = `/admin/courses/${courseId}`;
    assert.equal(
      (await admin.postForm(`${editor}/modules`, { title: 'Planning' }, { formPage: editor })).statusCode,
      303,
    );
    const moduleId = (
      await db().selectFrom('course_modules').select('id').where('product_id', '=', courseId).executeTakeFirstOrThrow()
    ).id;
    for (const title of ['Soil', 'Plants', 'Paths']) {
      const r = await admin.postForm(`${editor}/modules/${moduleId}/lessons`, { title }, { formPage: editor });
      assert.equal(r.statusCode, 303);
    }
    // Move "paths" above "plants" without client script.
    const paths = await lessonIdOf('paths');
    await admin.postForm(`${editor}/lessons/${paths}/move`, { direction: 'up' }, { formPage: editor });
    const page = await admin.get(editor);
    assert.ok(page.body.indexOf('>Paths<') < page.body.indexOf('>Plants<'), 'moved up');

    assert.equal((await saveLesson('soil', { body: '# Soil\n\nDig <script>alert(1)</script> deep.' })).statusCode, 303);
    assert.equal(
      (await saveLesson('paths', { unlockKind: 'after_lesson', unlockAfter: await lessonIdOf('soil') })).statusCode,
      303,
    );
    assert.equal(
      (await saveLesson('plants', { unlockKind: 'after_days', unlockDays: '7', freePreview: '' })).statusCode,
      303,
    );

    const badDays = await saveLesson('plants', { unlockKind: 'after_days', unlockDays: 'seven' });
    assert.equal(badDays.statusCode, 400);
    assert.match(badDays.body, /whole number of days/);
    const badSlug = await saveLesson('plants', { slug: 'Not A Slug' });
    assert.equal(badSlug.statusCode, 400);
    const taken = await saveLesson('plants', { slug: 'soil' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /Another lesson of this course has this address/);
    const badAt = await saveLesson('plants', { unlockKind: 'at', unlockAt: '2026-02-30T10:00' });
    assert.equal(badAt.statusCode, 400);

    // A course flagged as licensed distance learning without a licence number warns before publishing.
    await db()
      .insertInto('product_legal')
      .values({ product_id: courseId, distance_learning: 1, updated_at: new Date().toISOString() })
      .execute();
    assert.match((await admin.get(editor)).body, /has no ZFU licence number/);
    await db().deleteFrom('product_legal').where('product_id', '=', courseId).execute();
    assert.doesNotMatch((await admin.get(editor)).body, /has no ZFU licence number/);

    const hours = await admin.postForm(`${editor}/settings`, { studyHours: 'two' }, { formPage: editor });
    assert.equal(hours.statusCode, 400);
    assert.equal(
      (await admin.postForm(`${editor}/settings`, { studyHours: '2.5', certificate: 'yes' }, { formPage: editor }))
        .statusCode,
      303,
    );
    const course = await db()
      .selectFrom('courses')
      .selectAll()
      .where('product_id', '=', courseId)
      .executeTakeFirstOrThrow();
    assert.equal(course.study_minutes, 150);

    // Priced and published in the product settings, as every product; its published lessons are
    // what it delivers, so the editor does not ask to confirm publishing "without a file".
    const settings = `/admin/products/${courseId}`;
    const form = {
      ...PRODUCT_FORM,
      title: 'Garden Design',
      slug: 'garden-design',
      price: '99',
      publishWithoutFile: '',
    };
    const published = await admin.postForm(settings, form, { formPage: settings });
    assert.equal(published.statusCode, 303, published.body.slice(0, 300));
    assert.match(String(published.headers.location), /done=saved$/);
    slug = (await db().selectFrom('products').select('slug').where('id', '=', courseId).executeTakeFirstOrThrow()).slug;
    const soilEditor = `/admin/courses/${courseId}/lessons/${await lessonIdOf('soil')}`;
    const noFile = await postMultipart(
      t.app,
      admin,
      `${soilEditor}/attachments`,
      [{ name: 'name', value: 'x' }],
      soilEditor,
    );
    assert.equal(noFile.statusCode, 400);
    assert.match(noFile.body, /Choose a file to upload/);
    const parts = [
      { name: 'name', value: 'Plant list' },
      { name: 'file', filename: 'plants.txt', content: Buffer.from('plant list'), type: 'text/plain' },
    ];
    assert.equal((await postMultipart(t.app, admin, `${soilEditor}/attachments`, parts, soilEditor)).statusCode, 303);
    attachmentId = (await db().selectFrom('lesson_attachments').select('id').executeTakeFirstOrThrow()).id;
    assert.match((await admin.get(soilEditor)).body, /Plant list/);
  });

  test('the store lists the course and its page shows the curriculum', async () => {
    const visitor = new TestClient(t.app);
    assert.match((await visitor.get('/')).body, /Garden Design/);
    const product = await visitor.get(`/p/${slug}`);
    assert.equal(product.statusCode, 200);
    assert.match(product.body, /What the course contains/);
    assert.match(product.body, /3 lessons in 1 modules/);
  });

  test('a visitor and a stranger are refused; a free preview is open to anybody', async () => {
    const visitor = new TestClient(t.app);
    const overview = await visitor.get(`/learn/${slug}`);
    assert.equal(overview.statusCode, 403);
    assert.match(overview.body, /sign in/);
    assert.equal((await visitor.get(`/learn/${slug}/soil`)).statusCode, 403);
    assert.equal((await visitor.get(`/learn/${slug}/soil/files/${attachmentId}`)).statusCode, 403);
    const stranger = await student('stranger@example.com');
    assert.equal((await stranger.get(`/learn/${slug}/soil`)).statusCode, 403);
    await saveLesson('soil', { freePreview: 'yes' });
    const preview = await visitor.get(`/learn/${slug}/soil`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /free preview/);
    assert.doesNotMatch(preview.body, /<script>alert/, 'the lesson text is sanitised');
    await saveLesson('soil', { freePreview: '' });
    assert.equal((await visitor.get(`/learn/${slug}/soil`)).statusCode, 403);
  });

  test('a buyer is enrolled once, learns, reports progress and completes; drip holds the rest', async () => {
    const order = await buy('Gardener@Example.com');
    assert.equal(order.status, 'paid');
    const enrolments = await db()
      .selectFrom('course_enrolments')
      .selectAll()
      .where('product_id', '=', courseId)
      .execute();
    assert.equal(enrolments.length, 1);
    assert.equal(enrolments[0]?.email, 'gardener@example.com');
    assert.equal(enrolments[0]?.order_id, order.id);
    const delivered = await db()
      .selectFrom('order_events')
      .select('detail')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'delivered')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(delivered.detail).enrolments, 1);

    const me = await student('gardener@example.com');
    const overview = await me.get(`/learn/${slug}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /0 of 3 lessons/);
    assert.match(overview.body, /Start the course/);
    const plants = await me.get(`/learn/${slug}/plants`);
    assert.equal(plants.statusCode, 403, 'seven days after enrolment');
    assert.match(plants.body, /It opens on/);
    assert.equal((await me.get(`/learn/${slug}/paths`)).statusCode, 403, 'after the soil lesson');

    const soil = await me.get(`/learn/${slug}/soil`);
    assert.equal(soil.statusCode, 200);
    const file = await me.get(`/learn/${slug}/soil/files/${attachmentId}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, 'plant list');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(soil.body)?.[1] ?? '';
    const report = (body: unknown, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
      me.postJson(`/learn/${slug}/soil/progress`, body, headers);
    assert.equal(
      (await report({ position_seconds: 10, duration_seconds: 100, watched_seconds: 10 }, {})).statusCode,
      403,
      'no CSRF token',
    );
    const bad = await report({ position_seconds: -1, duration_seconds: 'long', watched_seconds: 1 });
    assert.equal(bad.statusCode, 422);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    // A report adds at most a minute, however much it claims.
    assert.deepEqual(
      JSON.parse((await report({ position_seconds: 50, duration_seconds: 100, watched_seconds: 500 })).body),
      { completed: false },
    );
    assert.deepEqual(
      JSON.parse((await report({ position_seconds: 95, duration_seconds: 100, watched_seconds: 40 })).body),
      { completed: true },
    );
    const progress = await db()
      .selectFrom('lesson_progress')
      .selectAll()
      .where('enrolment_id', '=', enrolments[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(progress.watched_seconds, 100);
    assert.equal(progress.position_seconds, 95);
    assert.ok(progress.completed_at);

    assert.equal((await me.get(`/learn/${slug}/paths`)).statusCode, 200, 'opened by completing soil');
    const paths = await me.get(`/learn/${slug}/paths`);
    const done = await me.postForm(
      `/learn/${slug}/paths/complete`,
      {},
      { csrf: /name="_csrf" value="([^"]+)"/.exec(paths.body)?.[1] ?? '' },
    );
    assert.equal(done.statusCode, 303);

    // The creator opens the rest for this student.
    const students = `/admin/courses/${courseId}/students`;
    const list = await admin.get(students);
    assert.match(list.body, /2 of 3 lessons/);
    assert.match(list.body, /Completion by lesson/);
    assert.match(
      list.body,
      /<th scope="row">plants<\/th><td>0<\/td><td>0<\/td><td>0%<\/td><td>1<\/td>/,
      'stopped before plants',
    );
    const enrolmentId = enrolments[0]?.id ?? '';
    const detail = await admin.get(`${students}/${enrolments[0]?.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(
      detail.body,
      /<th scope="row">soil<\/th><td class="nowrap">[^<]+<\/td><td>100%<\/td>/,
      'the video watched in full',
    );
    const badShift = await admin.postForm(
      `${students}/${enrolmentId}`,
      { shiftDays: '999' },
      { formPage: `${students}/${enrolmentId}` },
    );
    assert.equal(badShift.statusCode, 400);
    assert.equal(
      (
        await admin.postForm(
          `${students}/${enrolmentId}`,
          { unlockAll: 'yes', shiftDays: '' },
          { formPage: `${students}/${enrolmentId}` },
        )
      ).statusCode,
      303,
    );
    const plantsNow = await me.get(`/learn/${slug}/plants`);
    assert.equal(plantsNow.statusCode, 200);
    await me.postForm(
      `/learn/${slug}/plants/complete`,
      {},
      { csrf: /name="_csrf" value="([^"]+)"/.exec(plantsNow.body)?.[1] ?? '' },
    );

    const enrolment = await db()
      .selectFrom('course_enrolments')
      .selectAll()
      .where('id', '=', enrolmentId)
      .executeTakeFirstOrThrow();
    assert.ok(enrolment.completed_at, 'the course is complete');
    const jobs = await db().selectFrom('jobs').select('unique_key').where('kind', '=', 'courses.completed').execute();
    assert.deepEqual(
      jobs.map((j) => j.unique_key),
      [`course-completed:${enrolmentId}`],
    );
    const csv = await admin.get(`/admin/courses/${courseId}/students.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /gardener@example\.com,[^\n]*,order,[^\n]*,3,3,/);
  });

  test('a refund ends access to lessons, files and reports; a won dispute gives it back', async () => {
    const me = await student('gardener@example.com');
    const order = await db()
      .selectFrom('orders')
      .selectAll()
      .where('email', '=', 'gardener@example.com')
      .executeTakeFirstOrThrow();
    const dispute = { id: 'dp_course', status: 'open' as const, amountMinor: order.total_minor, reason: 'fraudulent' };
    await db()
      .transaction()
      .execute((trx) => t.services.orders.markDisputed(trx, order, 'test', dispute));
    assert.equal((await me.get(`/learn/${slug}/soil`)).statusCode, 403);
    const disputed = await db().selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    await db()
      .transaction()
      .execute((trx) => t.services.orders.markDisputeWon(trx, disputed, 'test', { ...dispute, status: 'won' }));
    assert.equal((await me.get(`/learn/${slug}/soil`)).statusCode, 200, 'restored');

    const detail = `/admin/orders/${order.id}`;
    const refund = await admin.postForm(`${detail}/refund`, { confirm: 'yes' }, { formPage: detail });
    assert.equal(refund.statusCode, 303);
    await t.drainJobs();
    assert.equal((await me.get(`/learn/${slug}`)).statusCode, 403);
    assert.equal((await me.get(`/learn/${slug}/soil`)).statusCode, 403);
    assert.equal((await me.get(`/learn/${slug}/soil/files/${attachmentId}`)).statusCode, 403);
    const report = await me.postJson(`/learn/${slug}/soil/progress`, {
      position_seconds: 1,
      duration_seconds: 100,
      watched_seconds: 1,
    });
    assert.equal(report.statusCode, 403);
    const kept = await db()
      .selectFrom('lesson_progress')
      .select('lesson_id')
      .where('completed_at', 'is not', null)
      .execute();
    assert.equal(kept.length, 3, 'progress is kept for a later purchase');
  });

  test('buying again after a refund enrols the same student again, with the progress', async () => {
    await buy('gardener@example.com');
    const me = await student('gardener@example.com');
    const overview = await me.get(`/learn/${slug}`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /3 of 3 lessons/);
  });
});
