import type { Kysely } from 'kysely';

/**
 * Questions under course lessons: a student asks (tied to their enrolment,
 * so access, rate limit and erasure follow it), the creator answers, and may
 * hide a question from the other students. `answered_at` is set by the
 * first answer, so "open questions first" and the unanswered count read one
 * column. Deleting a lesson, course or enrolment deletes its questions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('course_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('course_lessons.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id').onDelete('cascade'))
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('course_questions_lesson')
    .on('course_questions')
    .columns(['lesson_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('course_questions_enrolment')
    .on('course_questions')
    .columns(['enrolment_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('course_questions_open')
    .on('course_questions')
    .columns(['answered_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('course_question_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('course_questions.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('course_question_answers_question')
    .on('course_question_answers')
    .columns(['question_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('course_question_answers').execute();
  await db.schema.dropTable('course_questions').execute();
}
