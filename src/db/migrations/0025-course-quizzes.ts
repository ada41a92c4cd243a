import type { Kysely } from 'kysely';

/**
 * Quizzes of course lessons: one quiz per lesson (pass mark, attempt limit,
 * required before the next module), its questions (single or multiple
 * choice) and options, and each student's attempts. An attempt's number is
 * unique per (enrolment, quiz), so two submits at once cannot both take the
 * last attempt: the second insert finds the number taken.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('course_quizzes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lesson_id', 'text', (c) => c.notNull().unique().references('course_lessons.id').onDelete('cascade'))
    .addColumn('pass_percent', 'integer', (c) => c.notNull().defaultTo(70))
    .addColumn('max_attempts', 'integer')
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('course_quiz_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('course_quizzes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('course_quiz_questions_quiz')
    .on('course_quiz_questions')
    .columns(['quiz_id', 'position'])
    .execute();

  await db.schema
    .createTable('course_quiz_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('course_quiz_questions.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('course_quiz_options_question')
    .on('course_quiz_options')
    .columns(['question_id', 'position'])
    .execute();

  await db.schema
    .createTable('course_quiz_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('course_quizzes.id').onDelete('cascade'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('correct_count', 'integer', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('score_percent', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('course_quiz_attempts_number', ['enrolment_id', 'quiz_id', 'number'])
    .execute();
  await db.schema.createIndex('course_quiz_attempts_quiz').on('course_quiz_attempts').column('quiz_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['course_quiz_attempts', 'course_quiz_options', 'course_quiz_questions', 'course_quizzes']) {
    await db.schema.dropTable(table).execute();
  }
}
