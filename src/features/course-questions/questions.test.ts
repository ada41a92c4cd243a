import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp, TestClient } from '../../testing/app.js';
import { pageContext } from '../../web/context.js';
import { seedCourse, seedStudent } from '../courses/testing.js';
import { CUSTOMER_COOKIE, startCustomerSession } from '../library/sessions.js';
import { eraseCustomer } from '../privacy/erase-customer.js';
import { exportCustomerData } from '../privacy/export-data.js';
import { QUESTIONS_PER_HOUR } from './question-input.js';
import { lessonQuestionsSlot } from './slots.js';

describe('course questions: students ask under lessons, the creator answers and moderates', () => {
  let t: TestApp;
  let admin: TestClient;
  let course: Awaited<ReturnType<typeof seedCourse>>;
  let lessonId: string;
  let page: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    course = await seedCourse(t.services, { title: 'Sourdough', lessons: 2 });
    lessonId = course.lessonIds[0]!;
    page = `/course-questions/${lessonId}`;
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** A signed-in student of the course (a new enrolment each time). */
  const student = async (opts: Parameters<typeof seedStudent>[2] = {}) => {
    const s = await seedStudent(t.services, course.productId, opts);
    const c = new TestClient(t.app);
    c.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), s.email));
    return { ...s, c };
  };
  const ask = (c: TestClient, body: string) => c.postForm(page, { body });
  const questionsOf = (enrolmentId: string) =>
    db().selectFrom('course_questions').selectAll().where('enrolment_id', '=', enrolmentId).execute();
  const emailsTo = (to: string, template: string) =>
    db().selectFrom('emails').selectAll().where('to_address', '=', to).where('template', '=', template).execute();

  test('a student asks: stored, shown escaped with its line breaks, and every admin is emailed once', async () => {
    const s = await student({ name: 'Ada Lovelace' });
    const form = await s.c.get(page);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="f-question-body">Your question<\/label>/);

    const res = await ask(s.c, 'How warm should the dough be?\r\nMine is <b>cold</b>.  ');
    assert.equal(res.statusCode, 303);
    const [q] = await questionsOf(s.enrolmentId);
    assert.ok(q);
    assert.equal(res.headers.location, `/learn/${course.slug}/lesson-1#question-${q.id}`);
    assert.equal(q.body, 'How warm should the dough be?\nMine is <b>cold</b>.');
    assert.equal(q.author_name, 'Ada', 'other students see the first name only');
    assert.equal(q.status, 'visible');

    const shown = await s.c.get(page);
    assert.match(shown.body, /How warm should the dough be\?<br\/>Mine is &lt;b>cold&lt;\/b>\./);
    assert.match(shown.body, /Ada asked on/);
    assert.match(shown.body, /Delete my question/, 'the author may delete their own');

    const mails = await emailsTo(TEST_ADMIN.email, 'course-question-asked');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /New question on “Lesson 1”/);
    assert.match(mails[0]!.text, /Ada Lovelace asked about the lesson “Lesson 1” of “Sourdough”/);
    assert.match(mails[0]!.text, new RegExp(`/admin/course-questions#question-${q.id}`));
  });

  test('empty, blank, missing and too long questions come back (400) with the text kept; nothing is stored', async () => {
    const s = await student();
    for (const body of ['', '   \n  ']) {
      const res = await ask(s.c, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.match(res.body, /Please write your question \(up to 2000 characters\)\./);
    }
    const missing = await s.c.postForm(page, {});
    assert.equal(missing.statusCode, 400);
    const long = `Why ${'x'.repeat(2000)}`;
    const tooLong = await ask(s.c, long);
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.body.includes(long), 'the typed text comes back');
    assert.equal((await questionsOf(s.enrolmentId)).length, 0);
    assert.equal((await ask(s.c, 'x'.repeat(2000))).statusCode, 303, 'exactly the limit is fine');
  });

  test('visitors, customers without the course are refused (403), unknown lessons are 404', async () => {
    const visitor = new TestClient(t.app);
    const csrf = await visitor.csrfFrom('/library');
    assert.equal((await visitor.get(page)).statusCode, 403);
    assert.equal((await visitor.postForm(page, { body: 'Hello?' }, { csrf })).statusCode, 403);

    const stranger = new TestClient(t.app);
    stranger.setCookie(CUSTOMER_COOKIE, await startCustomerSession(db(), 'stranger@example.com'));
    const token = await stranger.csrfFrom('/library');
    assert.equal((await stranger.get(page)).statusCode, 403);
    assert.equal((await stranger.postForm(page, { body: 'Hello?' }, { csrf: token })).statusCode, 403);

    const s = await student();
    const unknown = `/course-questions/${randomUUID()}`;
    assert.equal((await s.c.postForm(unknown, { body: 'Hello?' }, { formPage: page })).statusCode, 404);
    assert.equal((await s.c.get('/course-questions/not-a-uuid')).statusCode, 400);
    const count = await db()
      .selectFrom('course_questions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('body', '=', 'Hello?')
      .executeTakeFirst();
    assert.equal(Number(count?.n), 0);
  });

  test('the admin preview reads without a form; a visitor of a free preview lesson gets nothing', async () => {
    const s = await student();
    await ask(s.c, 'Seen by the admin?');
    const preview = await admin.get(page);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Seen by the admin\?/);
    assert.doesNotMatch(preview.body, /f-question-body/);
    assert.equal(
      (await admin.postForm(page, { body: 'I am no student' }, { formPage: '/admin/course-questions' })).statusCode,
      403,
    );

    const req = { url: '/', cookies: {}, headers: {} } as Parameters<typeof pageContext>[0];
    const reply = { generateCsrf: () => 'token' } as unknown as Parameters<typeof pageContext>[1];
    const ctx = await pageContext(req, reply, t.services);
    const asAdmin = await lessonQuestionsSlot(t.services, ctx, { lessonId, enrolmentId: null, admin: true });
    assert.ok(asAdmin);
    assert.match(renderToString(asAdmin), /Seen by the admin\?/);
    assert.equal(await lessonQuestionsSlot(t.services, ctx, { lessonId, enrolmentId: null, admin: false }), null);
    const asStudent = await lessonQuestionsSlot(t.services, ctx, {
      lessonId,
      enrolmentId: s.enrolmentId,
      admin: false,
    });
    assert.match(renderToString(asStudent!), /name="_csrf" value="token"/);
    assert.match(renderToString(asStudent!), /id="questions"/);
  });

  test('a hidden question is not shown to students until the creator shows it again', async () => {
    const s = await student();
    const other = await student();
    await ask(s.c, 'Please hide me');
    const [q] = await questionsOf(s.enrolmentId);
    const hide = await admin.postForm(
      `/admin/course-questions/${q!.id}/hide`,
      {},
      { formPage: '/admin/course-questions' },
    );
    assert.equal(hide.statusCode, 303);
    for (const c of [s.c, other.c]) assert.doesNotMatch((await c.get(page)).body, /Please hide me/);
    const list = await admin.get('/admin/course-questions');
    assert.match(list.body, /Please hide me/);
    assert.match(list.body, /Hidden from students/);
    await admin.postForm(`/admin/course-questions/${q!.id}/unhide`, {}, { formPage: '/admin/course-questions' });
    assert.match((await other.c.get(page)).body, /Please hide me/);
  });

  test('the creator answers: open questions first, the student is emailed in their language, the count goes down', async () => {
    const en = await student();
    const de = await student({ locale: 'de' });
    await ask(en.c, 'English question');
    await ask(de.c, 'Deutsche Frage');
    const [qEn] = await questionsOf(en.enrolmentId);
    const [qDe] = await questionsOf(de.enrolmentId);

    const before = await admin.get('/admin/course-questions');
    assert.equal(before.statusCode, 200);
    const open = Number(/Unanswered: (\d+)/.exec(before.body)?.[1]);
    assert.ok(open >= 2);

    const empty = await admin.postForm(
      `/admin/course-questions/${qEn!.id}/answer`,
      { body: ' ' },
      { formPage: '/admin/course-questions' },
    );
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Please write the answer/);

    for (const [q, body] of [
      [qEn!, 'About 26 °C.\nWarmer is faster.'],
      [qDe!, 'Etwa 26 °C.'],
    ] as const) {
      const res = await admin.postForm(
        `/admin/course-questions/${q.id}/answer`,
        { body },
        { formPage: '/admin/course-questions' },
      );
      assert.equal(res.statusCode, 303);
    }
    const after = await admin.get('/admin/course-questions');
    assert.match(after.body, new RegExp(`Unanswered: ${open - 2}`));
    assert.ok(after.body.indexOf('English question') > 0);

    const [mail] = await emailsTo(en.email, 'course-question-answered');
    assert.ok(mail);
    assert.equal(mail.locale, 'en');
    assert.match(mail.subject, /Your question on “Lesson 1” was answered/);
    assert.match(mail.text, /About 26 °C\./);
    assert.ok(mail.text.includes(`${t.services.config.publicUrl}/learn/${course.slug}/lesson-1#questions`));
    const [mailDe] = await emailsTo(de.email, 'course-question-answered');
    assert.equal(mailDe?.locale, 'de');
    assert.match(mailDe!.subject, /Ihre Frage zu „Lesson 1“ wurde beantwortet/);

    const shown = await en.c.get(page);
    assert.match(shown.body, /About 26 °C\.<br\/>Warmer is faster\./);
    assert.match(shown.body, /Creator answered on/);
    assert.equal(
      (await db().selectFrom('course_questions').select('answered_at').where('id', '=', qEn!.id).executeTakeFirst())
        ?.answered_at !== null,
      true,
    );
  });

  test('in German the reader is addressed as "Sie"', async () => {
    const s = await student({ locale: 'de' });
    s.c.setCookie('vf_lang', 'de');
    const form = await s.c.get(page);
    assert.match(form.body, /Stellen Sie dem Ersteller eine Frage zu dieser Lektion\./);
    const refused = await ask(s.c, '');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Bitte schreiben Sie Ihre Frage \(bis zu 2000 Zeichen\)\./);
  });

  test(`at most ${QUESTIONS_PER_HOUR} questions an hour per enrolment; older ones do not count`, async () => {
    const s = await student();
    const now = Date.now();
    const row = (minutesAgo: number) => ({
      id: randomUUID(),
      lesson_id: lessonId,
      product_id: course.productId,
      enrolment_id: s.enrolmentId,
      author_name: null,
      body: `earlier ${minutesAgo}`,
      created_at: new Date(now - minutesAgo * 60_000).toISOString(),
      answered_at: null,
    });
    await db()
      .insertInto('course_questions')
      .values([row(90), ...Array.from({ length: QUESTIONS_PER_HOUR - 1 }, (_, i) => row(i + 1))])
      .execute();
    assert.equal((await ask(s.c, 'The last one this hour')).statusCode, 303);
    const refused = await ask(s.c, 'One too many');
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /You have asked 10 questions in the last hour/);
    assert.match(refused.body, /One too many/);
    assert.equal((await questionsOf(s.enrolmentId)).length, QUESTIONS_PER_HOUR + 1);
  });

  test('only the author deletes their question; other students cannot delete, hide or answer', async () => {
    const a = await student();
    const b = await student();
    await ask(a.c, 'Mine to delete');
    const [q] = await questionsOf(a.enrolmentId);
    const del = `/course-questions/${lessonId}/${q!.id}/delete`;
    assert.equal((await b.c.postForm(del, {}, { formPage: page })).statusCode, 404);
    for (const action of ['hide', 'delete', 'answer']) {
      const res = await b.c.postForm(`/admin/course-questions/${q!.id}/${action}`, { body: 'x' }, { formPage: page });
      assert.equal(res.statusCode, 303, action);
      assert.match(String(res.headers.location), /^\/admin\/login/);
    }
    const still = await db().selectFrom('course_questions').selectAll().where('id', '=', q!.id).executeTakeFirst();
    assert.equal(still?.status, 'visible');
    assert.equal(still?.answered_at, null);

    assert.equal((await a.c.postForm(del, {}, { formPage: page })).statusCode, 303);
    assert.equal((await questionsOf(a.enrolmentId)).length, 0);
  });

  test('the creator deletes a question with its answers', async () => {
    const s = await student();
    await ask(s.c, 'Delete me, creator');
    const [q] = await questionsOf(s.enrolmentId);
    const formPage = '/admin/course-questions';
    await admin.postForm(`/admin/course-questions/${q!.id}/answer`, { body: 'Sure.' }, { formPage });
    const res = await admin.postForm(`/admin/course-questions/${q!.id}/delete`, {}, { formPage });
    assert.equal(res.statusCode, 303);
    assert.equal((await questionsOf(s.enrolmentId)).length, 0);
    const answers = await db()
      .selectFrom('course_question_answers')
      .select('id')
      .where('question_id', '=', q!.id)
      .execute();
    assert.equal(answers.length, 0);
    assert.equal((await admin.postForm(`/admin/course-questions/${q!.id}/delete`, {}, { formPage })).statusCode, 404);
  });

  test('a GDPR export lists the student’s questions with answers; erasure deletes them', async () => {
    const s = await student();
    const other = await student();
    await ask(s.c, 'Private question');
    await ask(other.c, 'Someone else’s');
    const [q] = await questionsOf(s.enrolmentId);
    await admin.postForm(
      `/admin/course-questions/${q!.id}/answer`,
      { body: 'Private answer' },
      { formPage: '/admin/course-questions' },
    );

    const data = (await exportCustomerData(db(), s.email, t.app.privacyParts)) as {
      courseQuestions: { body: string; lesson: string; answers: { body: string }[] }[];
    };
    assert.deepEqual(
      data.courseQuestions.map((x) => [x.body, x.lesson, x.answers.map((a) => a.body)]),
      [['Private question', 'Lesson 1', ['Private answer']]],
    );

    await eraseCustomer(db(), { email: s.email, actor: 'test' }, t.app.privacyParts);
    assert.equal((await questionsOf(s.enrolmentId)).length, 0);
    assert.equal((await questionsOf(other.enrolmentId)).length, 1, 'only the subject’s');
  });
});
