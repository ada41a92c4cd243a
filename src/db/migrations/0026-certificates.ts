import type { Kysely } from 'kysely';

/**
 * Certificates of completed courses: one per enrolment (UNIQUE), with what
 * the certificate says copied at issue (student name, course title, study
 * minutes), so the PDF and the public verification page show the same thing
 * later whatever is renamed. The id is the public one (`/verify/<id>`).
 * A refund, a dispute or a withdrawal of the order behind the enrolment
 * revokes it (`revoked_at`, `revoke_reason`); a won dispute restores it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().unique())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('student_name', 'text', (c) => c.notNull())
    .addColumn('course_title', 'text', (c) => c.notNull())
    .addColumn('study_minutes', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema.createIndex('certificates_email').on('certificates').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
