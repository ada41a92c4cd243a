import type { CreateTableBuilder, Kysely } from 'kysely';
import { addContentVersionTriggers, dropContentVersionTriggers } from './0022-content-version.js';

/**
 * Online courses: a course is a product (kind 'course') with modules and
 * lessons; an enrolment per (course, address) is what a paid order, a
 * membership or a free sign-up gives, and what a refund ends (`revoked_at`,
 * progress kept); progress per (enrolment, lesson). The curriculum shows on
 * the product page, so its tables move the content version like the products.
 */
const PUBLIC_TABLES = ['courses', 'course_modules', 'course_lessons'] as const;

function unlockColumns<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t
    .addColumn('unlock_kind', 'text', (c) => c.notNull().defaultTo('immediate'))
    .addColumn('unlock_days', 'integer')
    .addColumn('unlock_at', 'text')
    .addColumn('unlock_after_lesson_id', 'text');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('courses')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id'))
    .addColumn('tier_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('study_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await unlockColumns(
    db.schema
      .createTable('course_modules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('courses.product_id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('course_modules_course')
    .on('course_modules')
    .columns(['product_id', 'position'])
    .execute();

  await unlockColumns(
    db.schema
      .createTable('course_lessons')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('courses.product_id'))
      .addColumn('module_id', 'text', (c) => c.notNull().references('course_modules.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('free_preview', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('video_id', 'text')
      .addColumn('completion', 'text', (c) => c.notNull().defaultTo('view'))
      .addColumn('gates_next_module', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('course_lessons_slug', ['product_id', 'slug']),
  ).execute();
  await db.schema
    .createIndex('course_lessons_module')
    .on('course_lessons')
    .columns(['module_id', 'position'])
    .execute();

  await db.schema
    .createTable('lesson_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('course_lessons.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lesson_attachments_lesson').on('lesson_attachments').column('lesson_id').execute();

  await db.schema
    .createTable('course_cohorts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('courses.product_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('course_enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('courses.product_id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('first_access_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('unlock_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shift_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cohort_id', 'text', (c) => c.references('course_cohorts.id'))
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('course_enrolments_student', ['product_id', 'email'])
    .execute();
  await db.schema.createIndex('course_enrolments_order').on('course_enrolments').column('order_id').execute();
  await db.schema.createIndex('course_enrolments_email').on('course_enrolments').column('email').execute();

  await db.schema
    .createTable('lesson_progress')
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id').onDelete('cascade'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('course_lessons.id').onDelete('cascade'))
    .addColumn('position_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('watched_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('time_spent_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_opened_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_progress_pk', ['enrolment_id', 'lesson_id'])
    .execute();
  await db.schema.createIndex('lesson_progress_lesson').on('lesson_progress').column('lesson_id').execute();

  await db.schema
    .createTable('course_unlock_emails')
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('course_enrolments.id').onDelete('cascade'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('course_lessons.id').onDelete('cascade'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('course_unlock_emails_pk', ['enrolment_id', 'lesson_id'])
    .execute();

  await addContentVersionTriggers(db, PUBLIC_TABLES);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropContentVersionTriggers(db, PUBLIC_TABLES);
  for (const table of [
    'course_unlock_emails',
    'lesson_progress',
    'course_enrolments',
    'course_cohorts',
    'lesson_attachments',
    'course_lessons',
    'course_modules',
    'courses',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
