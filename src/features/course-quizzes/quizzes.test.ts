import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { seedCourse, seedStudent } from '../courses/testing.js';
import { signInLibrary } from '../memberships/testing.js';
import { lessonQuizAdminSlot, lessonQuizSlot } from './slots.js';

type Fields = [string, string][];

describe('course quizzes: the admin editor and the student submit', () => {
  let t: TestApp;
  let admin: TestClient;
  let course: Awaited<ReturnType<typeof seedCourse>>;
  let quizUrl: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
    course = await seedCourse(t.services, { lessons: 2 });
    quizUrl = `/admin/courses/${course.productId}/lessons/${course.lessonIds[0]}/quiz`;
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  /** Posts a form whose fields may repeat (answers, ticks), with the CSRF token of `page`. */
  const post = async (client: TestClient, url: string, fields: Fields, page: string | { csrf: string }) => {
    const csrf = typeof page === 'string' ? await client.csrfFrom(page) : page.csrf;
    const params = new URLSearchParams([['_csrf', csrf], ...fields]);
    return t.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader },
    });
  };
  const question = (prompt: string, kind: string, options: string[], correct: number[]): Fields => [
    ['prompt', prompt],
    ['kind', kind],
    ...options.map((o): [string, string] => ['option', o]),
    ...correct.map((n): [string, string] => ['correct', String(n)]),
  ];
  const lesson = (id: string) =>
    db()
      .selectFrom('course_lessons')
      .select(['completion', 'gates_next_module'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('settings and questions are checked; bad input re-renders with field errors (400)', async () => {
    assert.equal((await new TestClient(t.app).get(quizUrl)).statusCode, 303, 'admins only');
    const page = await admin.get(quizUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="f-quiz-settings-passPercent">Pass mark \(%\)<\/label>/);

    for (const passPercent of ['0', '101', 'abc', '']) {
      const bad = await post(
        admin,
        quizUrl,
        [
          ['passPercent', passPercent],
          ['maxAttempts', ''],
        ],
        quizUrl,
      );
      assert.equal(bad.statusCode, 400, passPercent);
      assert.match(bad.body, /Please give a whole number from 1 to 100\./);
    }
    const badMax = await post(
      admin,
      quizUrl,
      [
        ['passPercent', '50'],
        ['maxAttempts', '0'],
      ],
      quizUrl,
    );
    assert.equal(badMax.statusCode, 400);
    assert.match(badMax.body, /or leave it empty for unlimited/);

    const add = `${quizUrl}/questions`;
    const cases: [Fields, RegExp][] = [
      [question('', 'single', ['a', 'b'], [0]), /Please write the question/],
      [question('Which?', 'single', ['a', 'b'], []), /Please tick at least one right answer/],
      [question('Which?', 'single', ['a', 'b'], [0, 1]), /exactly one right answer/],
      [question('Which?', 'multiple', ['only one'], [0]), /at least two answers/],
      [question('Which?', 'multiple', ['a', 'b', ''], [2]), /A ticked answer has no text/],
      [question('Which?', 'essay', ['a', 'b'], [0]), /Please choose single or multiple choice/],
    ];
    for (const [fields, message] of cases) {
      const res = await post(admin, add, fields, quizUrl);
      assert.equal(res.statusCode, 400, String(message));
      assert.match(res.body, message);
      if (fields[0]?.[1]) assert.match(res.body, /value="Which\?"/, 'the typed question comes back');
    }
    assert.deepEqual(await lesson(course.lessonIds[0]!), { completion: 'view', gates_next_module: 0 }, 'nothing saved');
    // Out-of-range and foreign ids are 404, not 500.
    const foreign = `/admin/courses/${course.productId}/lessons/${crypto.randomUUID()}/quiz`;
    assert.equal((await post(admin, foreign, [['passPercent', '50']], quizUrl)).statusCode, 404);
  });

  test('a saved quiz makes the lesson complete by passing it, and gates the next module when required', async () => {
    const saved = await post(
      admin,
      quizUrl,
      [
        ['passPercent', '60'],
        ['maxAttempts', '2'],
        ['required', '1'],
      ],
      quizUrl,
    );
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(
      await lesson(course.lessonIds[0]!),
      { completion: 'view', gates_next_module: 0 },
      'no questions yet',
    );
    const add = `${quizUrl}/questions`;
    assert.equal(
      (await post(admin, add, question('Flour?', 'single', ['Rye', 'Sand', ''], [0]), quizUrl)).statusCode,
      303,
    );
    assert.equal(
      (await post(admin, add, question('Yeast lives in?', 'multiple', ['Starter', 'Air', 'Oven'], [0, 1]), quizUrl))
        .statusCode,
      303,
    );
    assert.equal((await post(admin, add, question('Salt?', 'single', ['Yes', 'No'], [0]), quizUrl)).statusCode, 303);
    assert.deepEqual(await lesson(course.lessonIds[0]!), { completion: 'quiz', gates_next_module: 1 });
    const page = await admin.get(quizUrl);
    assert.match(page.body, /value="Yeast lives in\?"/);
    assert.equal((page.body.match(/<article class="card quiz-question"/g) ?? []).length, 3);

    // Edit: the second question's answers keep their ids by position; a third slot emptied drops out.
    const q2 = await db()
      .selectFrom('course_quiz_questions')
      .select('id')
      .where('prompt', '=', 'Yeast lives in?')
      .executeTakeFirstOrThrow();
    const before = await db()
      .selectFrom('course_quiz_options')
      .select('id')
      .where('question_id', '=', q2.id)
      .orderBy('position')
      .execute();
    const edit = await post(
      admin,
      `${quizUrl}/questions/${q2.id}`,
      question('Yeast lives in?', 'multiple', ['Starter', 'Air', ''], [0, 1]),
      quizUrl,
    );
    assert.equal(edit.statusCode, 303);
    const after = await db()
      .selectFrom('course_quiz_options')
      .select('id')
      .where('question_id', '=', q2.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(after, before.slice(0, 2));
    const badEdit = await post(
      admin,
      `${quizUrl}/questions/${q2.id}`,
      question('Yeast lives in?', 'single', ['Starter', 'Air'], [0, 1]),
      quizUrl,
    );
    assert.equal(badEdit.statusCode, 400);

    // Not required: the lesson still completes by the quiz, but no longer gates.
    await post(
      admin,
      quizUrl,
      [
        ['passPercent', '60'],
        ['maxAttempts', '2'],
      ],
      quizUrl,
    );
    assert.deepEqual(await lesson(course.lessonIds[0]!), { completion: 'quiz', gates_next_module: 0 });
    await post(
      admin,
      quizUrl,
      [
        ['passPercent', '60'],
        ['maxAttempts', '2'],
        ['required', '1'],
      ],
      quizUrl,
    );
  });

  test('students: enrolled only, graded on the server, wrong questions named, the attempt limit holds', async () => {
    const lessonId = course.lessonIds[0]!;
    const studentUrl = `/course-quizzes/${lessonId}`;
    const questions = await db()
      .selectFrom('course_quiz_questions')
      .innerJoin('course_quizzes', 'course_quizzes.id', 'course_quiz_questions.quiz_id')
      .select(['course_quiz_questions.id', 'course_quiz_questions.prompt'])
      .where('course_quizzes.lesson_id', '=', lessonId)
      .orderBy('position')
      .execute();
    const options = async (questionId: string) =>
      db()
        .selectFrom('course_quiz_options')
        .select(['id', 'correct'])
        .where('question_id', '=', questionId)
        .orderBy('position')
        .execute();
    const [flour, yeast, salt] = await Promise.all(questions.map((q) => options(q.id)));
    const right = (o: typeof flour) => o!.filter((x) => x.correct === 1).map((x) => x.id);
    const wrong = (o: typeof flour) => o!.filter((x) => x.correct === 0).map((x) => x.id);
    const answer = (qs: [number, string[]][]): Fields =>
      qs.flatMap(([n, ids]) => ids.map((id): [string, string] => [`a-${questions[n]!.id}`, id]));

    // Not signed in: to the library's sign-in; signed in without an enrolment: 403.
    const anon = new TestClient(t.app);
    assert.equal((await anon.get(studentUrl)).statusCode, 303);
    const stranger = new TestClient(t.app);
    const other = await seedStudent(t.services, (await seedCourse(t.services)).productId);
    await signInLibrary(t, stranger, other.email);
    assert.equal((await stranger.get(studentUrl)).statusCode, 403);

    const { email, enrolmentId } = await seedStudent(t.services, course.productId);
    const student = new TestClient(t.app);
    await signInLibrary(t, student, email);
    const page = await student.get(studentUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Attempts left: 2 of 2\./);
    assert.doesNotMatch(page.body, /right answer\)/, 'no right answers before passing');

    // A missing answer comes back (400) and costs no attempt; a score field is ignored.
    const partial = await post(student, studentUrl, [...answer([[0, right(flour)]]), ['score', '100']], studentUrl);
    assert.equal(partial.statusCode, 400);
    assert.match(partial.body, /Please answer every question\./);
    // Answers of another question's options do not count as answers.
    const foreign = await post(
      student,
      studentUrl,
      answer([
        [0, right(flour)],
        [1, right(flour)],
        [2, right(salt)],
      ]),
      studentUrl,
    );
    assert.equal(foreign.statusCode, 400);

    // Attempt 1: flour right, yeast half right (wrong), salt wrong → 33 %, not passed.
    const first = await post(
      student,
      studentUrl,
      [
        ...answer([
          [0, right(flour)],
          [1, right(yeast).slice(0, 1)],
          [2, wrong(salt)],
        ]),
        ['score', '100'],
      ],
      studentUrl,
    );
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `/learn/${course.slug}/lesson-1#quiz`);
    const result = await student.get(studentUrl);
    assert.match(result.body, /Attempt 1: 33 % \(1 of 3 right\)\. Not passed yet: you need 60 %\./);
    assert.match(result.body, /<li>Yeast lives in\?<\/li>/);
    assert.match(result.body, /<li>Salt\?<\/li>/);
    assert.doesNotMatch(result.body, /<li>Flour\?<\/li>/);
    assert.match(result.body, /Attempts left: 1 of 2\./);
    assert.doesNotMatch(result.body, /right answer\)/);
    const progress = () =>
      db()
        .selectFrom('lesson_progress')
        .select('completed_at')
        .where('enrolment_id', '=', enrolmentId)
        .where('lesson_id', '=', lessonId)
        .executeTakeFirst();
    assert.equal((await progress())?.completed_at ?? null, null);

    // Two submits at once for the last attempt: exactly one is recorded.
    const token = await student.csrfFrom(studentUrl);
    const body = new URLSearchParams([
      ['_csrf', token],
      ...answer([
        [0, wrong(flour)],
        [1, right(yeast).slice(1)],
        [2, wrong(salt)],
      ]),
    ]).toString();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: studentUrl,
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: student.cookieHeader },
      });
    const statuses = (await Promise.all([send(), send()])).map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [303, 409]);
    const attempts = await db()
      .selectFrom('course_quiz_attempts')
      .select(['number', 'score_percent'])
      .where('enrolment_id', '=', enrolmentId)
      .orderBy('number')
      .execute();
    assert.deepEqual(attempts, [
      { number: 1, score_percent: 33 },
      { number: 2, score_percent: 0 },
    ]);
    const used = await student.get(studentUrl);
    assert.match(used.body, /You have used every attempt\./);
    assert.doesNotMatch(used.body, /Submit answers/);
    const late = await post(
      student,
      studentUrl,
      answer([
        [0, right(flour)],
        [1, right(yeast)],
        [2, right(salt)],
      ]),
      {
        csrf: token,
      },
    );
    assert.equal(late.statusCode, 409);

    // The admin raises the limit; passing completes the lesson and shows the right answers.
    await post(
      admin,
      quizUrl,
      [
        ['passPercent', '60'],
        ['maxAttempts', '3'],
        ['required', '1'],
      ],
      quizUrl,
    );
    const pass = await post(
      student,
      studentUrl,
      answer([
        [0, right(flour)],
        [1, right(yeast)],
        [2, wrong(salt)],
      ]),
      studentUrl,
    );
    assert.equal(pass.statusCode, 303);
    const passed = await student.get(studentUrl);
    assert.match(passed.body, /Attempt 3: 66 % \(2 of 3 right\)\. Passed\. The lesson is complete\./);
    assert.match(passed.body, /Rye<strong> \(right answer\)<\/strong>/);
    assert.ok((await progress())?.completed_at, 'the lesson is complete');
    const again = await post(
      student,
      studentUrl,
      answer([
        [0, right(flour)],
        [1, right(yeast)],
        [2, right(salt)],
      ]),
      {
        csrf: token,
      },
    );
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /You have already passed this quiz\./);

    // German, addressing the reader as "Sie".
    const de = await student.get(studentUrl, { cookie: `${student.cookieHeader}; vf_lang=de` });
    assert.match(de.body, /Bestanden\. Die Lektion ist abgeschlossen\./);
  });

  test('a lesson not open yet takes no answers', async () => {
    const later = course.lessonIds[1]!;
    const url = `/admin/courses/${course.productId}/lessons/${later}/quiz`;
    assert.equal(
      (await post(admin, `${url}/questions`, question('Later?', 'single', ['Yes', 'No'], [0]), url)).statusCode,
      303,
    );
    await db()
      .updateTable('course_lessons')
      .set({ unlock_kind: 'at', unlock_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where('id', '=', later)
      .execute();
    const { email } = await seedStudent(t.services, course.productId);
    const student = new TestClient(t.app);
    await signInLibrary(t, student, email);
    const studentUrl = `/course-quizzes/${later}`;
    assert.equal((await student.get(studentUrl)).statusCode, 403);
    const token = await student.csrfFrom(`/course-quizzes/${course.lessonIds[0]}`);
    const options = await db()
      .selectFrom('course_quiz_options')
      .innerJoin('course_quiz_questions', 'course_quiz_questions.id', 'course_quiz_options.question_id')
      .select(['course_quiz_options.id', 'course_quiz_options.question_id'])
      .where('course_quiz_questions.prompt', '=', 'Later?')
      .execute();
    const res = await post(student, studentUrl, [[`a-${options[0]!.question_id}`, options[0]!.id]], { csrf: token });
    assert.equal(res.statusCode, 403);
    assert.equal(
      (
        await db()
          .selectFrom('course_quiz_attempts')
          .select('id')
          .where('enrolment_id', 'in', db().selectFrom('course_enrolments').select('id').where('email', '=', email))
          .execute()
      ).length,
      0,
    );
  });

  test('without CSRF token the submit is refused', async () => {
    const { email } = await seedStudent(t.services, course.productId);
    const student = new TestClient(t.app);
    await signInLibrary(t, student, email);
    const res = await student.postForm(`/course-quizzes/${course.lessonIds[0]}`, {}, { csrf: null });
    assert.equal(res.statusCode, 403);
  });

  test('the slots the lesson pages draw: the editor always, the quiz only with questions', async () => {
    const ctx = {
      locale: 'en' as const,
      t: translator('en'),
      csrfToken: 'tok',
      storeName: 'S',
      timeZone: 'UTC',
      path: '/',
    };
    const fresh = await seedCourse(t.services);
    const [withQuiz, without] = [course.lessonIds[0]!, fresh.lessonIds[1]!];
    assert.equal(await lessonQuizSlot(db(), ctx, without, null), null);
    const preview = renderToString((await lessonQuizSlot(db(), ctx, withQuiz, null))!);
    assert.match(preview, /Students enrolled in the course take the quiz here\./);
    assert.doesNotMatch(preview, /<form/, 'no form without an enrolment');
    assert.doesNotMatch(preview, /right answer\)/);
    const editor = renderToString((await lessonQuizAdminSlot(db(), ctx, without))!);
    assert.match(editor, /No questions yet\./);
    assert.match(editor, new RegExp(`action="/admin/courses/${fresh.productId}/lessons/${without}/quiz/questions"`));
    assert.equal(await lessonQuizAdminSlot(db(), ctx, crypto.randomUUID()), null);
  });
});
