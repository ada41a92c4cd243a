import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { privacyPartsOf } from '../index.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { seedTier, subscribeAndPay } from '../memberships/testing.js';
import { eraseCustomer } from '../privacy/erase-customer.js';
import { exportCustomerData } from '../privacy/export-data.js';
import { lessonGate } from './access.js';
import { completeLesson } from './progress.js';
import { seedCourse, seedStudent } from './testing.js';
import { sendUnlockEmails } from './unlock-emails.js';

const DAY = 24 * 3600 * 1000;

describe('course access by membership, and the unlock emails', () => {
  let t: TestApp;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('members of an including tier take the course without buying it; others do not', async () => {
    const course = await seedCourse(t.services, { title: 'Members course' });
    const tier = await seedTier(t.services, { name: 'Patron' });
    const other = await seedTier(t.services, { name: 'Reader', slug: 'reader' });
    await db()
      .updateTable('courses')
      .set({ tier_ids: JSON.stringify([tier.id]) })
      .where('product_id', '=', course.productId)
      .execute();
    await subscribeAndPay(t, new TestClient(t.app), { tier: tier.slug, email: 'patron@example.com' });
    await subscribeAndPay(t, new TestClient(t.app), { tier: other.slug, email: 'reader@example.com' });
    const lesson = course.lessonIds[0] ?? '';
    const now = new Date();

    const patron = await lessonGate(db(), lesson, { email: 'Patron@Example.com', admin: false }, now);
    assert.equal(patron.state, 'open');
    const enrolment = await db()
      .selectFrom('course_enrolments')
      .selectAll()
      .where('email', '=', 'patron@example.com')
      .executeTakeFirstOrThrow();
    assert.equal(enrolment.source, 'membership', 'an enrolment holds the member’s progress');
    assert.equal((await lessonGate(db(), lesson, { email: 'reader@example.com', admin: false }, now)).state, 'denied');
    assert.equal((await lessonGate(db(), lesson, { email: null, admin: false }, now)).state, 'denied');
    assert.deepEqual(await lessonGate(db(), lesson, { email: null, admin: true }, now), {
      state: 'open',
      enrolmentId: null,
    });

    const library = new TestClient(t.app);
    library.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'patron@example.com'));
    assert.match((await library.get('/library')).body, /Your courses[\s\S]*Members course/);
    // The membership ends: access ends with it, though the enrolment row (and its progress) stays.
    await db()
      .updateTable('subscriptions')
      .set({ access_until: new Date(Date.now() - 1000).toISOString() })
      .execute();
    assert.equal(
      (await lessonGate(db(), lesson, { email: 'patron@example.com', admin: false }, new Date())).state,
      'denied',
    );
    const c = new TestClient(t.app);
    c.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'patron@example.com'));
    const seed = await db()
      .selectFrom('course_lessons')
      .select('slug')
      .where('id', '=', lesson)
      .executeTakeFirstOrThrow();
    assert.equal((await c.get(`/learn/${course.slug}/${seed.slug}`)).statusCode, 403);
    assert.doesNotMatch((await c.get('/library')).body, /Members course/, 'no longer listed in the library');
  });

  test('a draft lesson and an unpublished course do not exist for students', async () => {
    const course = await seedCourse(t.services);
    const { email } = await seedStudent(t.services, course.productId);
    const [first, second] = course.lessonIds;
    await db()
      .updateTable('course_lessons')
      .set({ status: 'draft' })
      .where('id', '=', second ?? '')
      .execute();
    assert.equal((await lessonGate(db(), second ?? '', { email, admin: false }, new Date())).state, 'missing');
    await db().updateTable('products').set({ status: 'draft' }).where('id', '=', course.productId).execute();
    assert.equal((await lessonGate(db(), first ?? '', { email, admin: false }, new Date())).state, 'missing');
    assert.equal((await lessonGate(db(), first ?? '', { email: null, admin: true }, new Date())).state, 'open');
  });

  test('drip emails the student once when a lesson opens, not for lessons open from the start', async () => {
    const course = await seedCourse(t.services, { title: 'Dripped', lessons: 3 });
    const [, second, third] = course.lessonIds;
    await db()
      .updateTable('course_lessons')
      .set({ unlock_kind: 'after_days', unlock_days: 2 })
      .where('id', '=', second ?? '')
      .execute();
    await db()
      .updateTable('course_lessons')
      .set({ unlock_kind: 'after_days', unlock_days: 10 })
      .where('id', '=', third ?? '')
      .execute();
    const { email, enrolmentId } = await seedStudent(t.services, course.productId, { email: 'drip@example.com' });
    const url = t.services.config.publicUrl;
    assert.equal(await sendUnlockEmails(db(), url, new Date()), 0, 'nothing opened yet');
    const later = new Date(Date.now() + 3 * DAY);
    assert.equal(await sendUnlockEmails(db(), url, later), 1);
    assert.equal(await sendUnlockEmails(db(), url, later), 0, 'a rerun mails nobody twice');
    const mails = await db()
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', email)
      .where('template', '=', 'course-lessons-unlocked')
      .execute();
    assert.equal(mails.length, 1);
    assert.match(mails[0]?.text ?? '', /Lesson 2/);
    assert.doesNotMatch(mails[0]?.text ?? '', /Lesson 1|Lesson 3/);
    assert.match(mails[0]?.text ?? '', new RegExp(`/learn/${course.slug}/lesson-2`));
    const claimed = await db()
      .selectFrom('course_unlock_emails')
      .select('lesson_id')
      .where('enrolment_id', '=', enrolmentId)
      .execute();
    assert.deepEqual(claimed.map((c) => c.lesson_id).sort(), [second].sort());
    // A refunded student hears nothing more.
    await db()
      .updateTable('course_enrolments')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', enrolmentId)
      .execute();
    assert.equal(await sendUnlockEmails(db(), url, new Date(Date.now() + 11 * DAY)), 0);
  });

  test('a privacy export lists the enrolment and progress; an erasure removes them and the access', async () => {
    const course = await seedCourse(t.services, { title: 'Private' });
    const { email, enrolmentId } = await seedStudent(t.services, course.productId, { email: 'private@example.com' });
    await db()
      .transaction()
      .execute((trx) => completeLesson(trx, enrolmentId, course.lessonIds[0] ?? '', new Date()));
    const data = (await exportCustomerData(db(), email, privacyPartsOf())) as Record<string, unknown[]>;
    assert.equal(data.courseEnrolments?.length, 1);
    assert.equal(data.lessonProgress?.length, 1);
    await eraseCustomer(db(), { email, actor: 'test' }, privacyPartsOf());
    assert.equal(
      (await db().selectFrom('course_enrolments').select('id').where('email', '=', email).execute()).length,
      0,
    );
    assert.equal(
      (await db().selectFrom('lesson_progress').select('lesson_id').where('enrolment_id', '=', enrolmentId).execute())
        .length,
      0,
    );
    assert.equal(
      (await lessonGate(db(), course.lessonIds[0] ?? '', { email, admin: false }, new Date())).state,
      'denied',
    );
  });
});
