import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { seedCourse, seedStudent } from '../courses/testing.js';
import { addQuestion, saveQuizSettings } from './save-quiz.js';
import { submitQuizAttempt } from './submit-attempt.js';

describe('submitQuizAttempt under concurrent submits', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());
  const db = () => t.services.database.db;

  const quizWith = async (maxAttempts: number | null) => {
    const course = await seedCourse(t.services, { lessons: 1 });
    const where = { productId: course.productId, lessonId: course.lessonIds[0]! };
    await saveQuizSettings(db(), { ...where, input: { passPercent: 100, maxAttempts, required: false } });
    const added = await addQuestion(db(), {
      ...where,
      input: {
        prompt: 'Q',
        kind: 'single',
        options: [
          { label: 'right', correct: true },
          { label: 'wrong', correct: false },
        ],
      },
    });
    assert.equal(added.kind, 'ok');
    const options = await db().selectFrom('course_quiz_options').select(['id', 'correct', 'question_id']).execute();
    const wrong = options.find((o) => o.question_id === (added.kind === 'ok' ? added.id : '') && o.correct === 0)!;
    const { enrolmentId } = await seedStudent(t.services, course.productId);
    return { lessonId: where.lessonId, enrolmentId, answers: { [wrong.question_id]: [wrong.id] } };
  };
  const numbers = async (enrolmentId: string) =>
    (
      await db()
        .selectFrom('course_quiz_attempts')
        .select('number')
        .where('enrolment_id', '=', enrolmentId)
        .orderBy('number')
        .execute()
    ).map((a) => a.number);

  test('ten at once against a limit of three: exactly three attempts, numbered 1–3', async () => {
    const quiz = await quizWith(3);
    const results = await Promise.all(Array.from({ length: 10 }, () => submitQuizAttempt(db(), quiz)));
    const kinds = results.map((r) => r.kind).sort();
    assert.deepEqual(kinds, [...Array(3).fill('graded'), ...Array(7).fill('no-attempts-left')]);
    assert.deepEqual(await numbers(quiz.enrolmentId), [1, 2, 3]);
  });

  test('ten at once without a limit: ten attempts, none lost', async () => {
    const quiz = await quizWith(null);
    const results = await Promise.all(Array.from({ length: 10 }, () => submitQuizAttempt(db(), quiz)));
    assert.ok(results.every((r) => r.kind === 'graded'));
    assert.deepEqual(await numbers(quiz.enrolmentId), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
