import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { lessonGate } from './access.js';
import { courseEnrolmentEntitlement } from './enrolment-entitlement.js';
import { orderRow, seedCourse, seedStudent } from './testing.js';

const DAY = 24 * 3600 * 1000;

describe('cohorts', () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  test('the creator adds a cohort; bad input re-renders; a buyer joins the next cohort and drip counts from its start', async () => {
    const course = await seedCourse(t.services, { lessons: 2 });
    const editor = `/admin/courses/${course.productId}`;
    const bad = await admin.postForm(`${editor}/cohorts`, { name: '', startsAt: 'tomorrow' }, { formPage: editor });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a title/);
    assert.match(bad.body, /Enter a date and time/);
    const start = new Date(Date.now() + 10 * DAY);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(start)
      .replace(' ', 'T');
    const ok = await admin.postForm(`${editor}/cohorts`, { name: 'Spring run', startsAt: local }, { formPage: editor });
    assert.equal(ok.statusCode, 303);
    const cohort = await db()
      .selectFrom('course_cohorts')
      .selectAll()
      .where('product_id', '=', course.productId)
      .executeTakeFirstOrThrow();
    assert.equal(cohort.name, 'Spring run');

    // A buyer (the order core's grant) joins it.
    const { orderId } = await seedStudent(t.services, course.productId, { email: 'seed@example.com' });
    await db().deleteFrom('course_enrolments').where('order_id', '=', orderId).execute();
    const order = await orderRow(t.services, orderId);
    const items = await db().selectFrom('order_items').selectAll().where('order_id', '=', orderId).execute();
    await db()
      .transaction()
      .execute((trx) => courseEnrolmentEntitlement.grant(trx, { order, items, downloadLimit: null }));
    const enrolment = await db()
      .selectFrom('course_enrolments')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(enrolment.cohort_id, cohort.id);

    const second = course.lessonIds[1] ?? '';
    await db()
      .updateTable('course_lessons')
      .set({ unlock_kind: 'after_days', unlock_days: 1 })
      .where('id', '=', second)
      .execute();
    const viewer = { email: 'seed@example.com', admin: false };
    const gate = await lessonGate(db(), second, viewer, new Date(Date.now() + 2 * DAY));
    assert.equal(gate.state, 'locked', 'a day after the cohort starts, not after the purchase');
    assert.equal((await lessonGate(db(), second, viewer, new Date(start.getTime() + DAY + 60_000))).state, 'open');

    // The creator moves the student to self-paced; a foreign cohort id is refused.
    const students = `${editor}/students`;
    const list = await admin.get(`${students}?cohort=${cohort.id}`);
    assert.match(list.body, /seed@example\.com/);
    const foreign = await admin.postForm(
      `${students}/${enrolment.id}`,
      { shiftDays: '0', cohort: randomUUID() },
      { formPage: `${students}/${enrolment.id}` },
    );
    assert.equal(foreign.statusCode, 400);
    const moved = await admin.postForm(
      `${students}/${enrolment.id}`,
      { shiftDays: '0', cohort: '' },
      { formPage: `${students}/${enrolment.id}` },
    );
    assert.equal(moved.statusCode, 303);
    const after = await db()
      .selectFrom('course_enrolments')
      .select('cohort_id')
      .where('id', '=', enrolment.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.cohort_id, null);
  });
});
