import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, setUpStore } from '../../testing/app.js';
import { addDemoCourse } from '../courses/demo.js';
import { addDemoQuiz } from './demo.js';
import { loadLessonQuiz } from './queries.js';

for (const locale of ['en', 'de'] as const) {
  test(`demo store (${locale}): a required quiz on the demo course's soil lesson, added once`, async () => {
    const t = await buildTestApp();
    try {
      await setUpStore(t.services, { locale });
      const { db } = t.services.database;
      assert.deepEqual(await addDemoQuiz(db), { added: 0 }, 'no demo course yet: nothing, and nothing claimed');
      await addDemoCourse(db);
      assert.deepEqual(await addDemoQuiz(db), { added: 1 });
      assert.deepEqual(await addDemoQuiz(db), { added: 0 });
      const lesson = await db
        .selectFrom('course_lessons')
        .select(['id', 'completion', 'gates_next_module'])
        .where('slug', '=', locale === 'de' ? 'sonne-und-boden' : 'sun-and-soil')
        .executeTakeFirstOrThrow();
      assert.equal(lesson.completion, 'quiz');
      assert.equal(lesson.gates_next_module, 1);
      const quiz = await loadLessonQuiz(db, lesson.id, null);
      assert.equal(quiz?.questions.length, 2);
      assert.equal(quiz?.maxAttempts, 3);
      if (locale === 'de') assert.match(quiz?.questions[0]?.prompt ?? '', /Sie/);
    } finally {
      await t.close();
    }
  });
}
