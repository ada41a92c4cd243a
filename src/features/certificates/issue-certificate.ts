import type { Transaction } from 'kysely';
import type { Certificate, DB } from '../../db/schema.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { certificatePdfPath, verifyPath } from './certificate-texts.js';
import { newCertificateId } from './public-id.js';

/** The name printed: the enrolment's (from the order), else the customer's or member's under that address. */
async function studentName(trx: Transaction<DB>, enrolmentName: string, email: string): Promise<string> {
  if (enrolmentName.trim()) return enrolmentName.trim();
  const [customer, member] = await Promise.all([
    trx.selectFrom('customers').select('name').where('email', '=', email).executeTakeFirst(),
    trx.selectFrom('members').select('name').where('email', '=', email).executeTakeFirst(),
  ]);
  return (customer?.name || member?.name || '').trim();
}

/**
 * A student completed a course (the `courses.completed` job): the
 * certificate, when the course gives one, and the completion email with its
 * link. Both once per enrolment however often the job runs — the certificate
 * by `UNIQUE(enrolment_id)`, the email by its unique key. An enrolment that
 * is not complete or whose access was revoked gets nothing.
 */
export async function completeCourse(
  trx: Transaction<DB>,
  o: { enrolmentId: string; publicUrl: string; now: Date },
): Promise<{ certificate: Certificate | undefined } | undefined> {
  const row = await trx
    .selectFrom('course_enrolments')
    .innerJoin('courses', 'courses.product_id', 'course_enrolments.product_id')
    .innerJoin('products', 'products.id', 'course_enrolments.product_id')
    .select([
      'course_enrolments.id',
      'course_enrolments.email',
      'course_enrolments.name',
      'course_enrolments.completed_at',
      'course_enrolments.revoked_at',
      'course_enrolments.order_id',
      'courses.product_id',
      'courses.certificate',
      'courses.study_minutes',
      'products.title',
    ])
    .where('course_enrolments.id', '=', o.enrolmentId)
    .executeTakeFirst();
  if (!row?.completed_at || row.revoked_at) return undefined;
  const [settings, customer, order] = await Promise.all([
    getStoreSettings(trx),
    trx.selectFrom('customers').select('locale').where('email', '=', row.email).executeTakeFirst(),
    row.order_id
      ? trx.selectFrom('orders').select('locale').where('id', '=', row.order_id).executeTakeFirst()
      : undefined,
  ]);
  const wanted = order?.locale ?? customer?.locale;
  const locale: Locale = isLocale(wanted) ? wanted : settings.locale;

  let certificate: Certificate | undefined;
  if (row.certificate === 1) {
    await trx
      .insertInto('certificates')
      .values({
        id: newCertificateId(),
        enrolment_id: row.id,
        product_id: row.product_id,
        email: row.email,
        student_name: await studentName(trx, row.name, row.email),
        course_title: row.title,
        study_minutes: row.study_minutes,
        locale,
        issued_at: row.completed_at,
        revoked_at: null,
        revoke_reason: null,
      })
      .onConflict((oc) => oc.column('enrolment_id').doNothing())
      .execute();
    certificate = await trx
      .selectFrom('certificates')
      .selectAll()
      .where('enrolment_id', '=', row.id)
      .executeTakeFirst();
  }
  await queueEmail(trx, {
    to: row.email,
    locale,
    template: 'course-completed',
    data: {
      courseTitle: row.title,
      certificate: certificate
        ? {
            id: certificate.id,
            downloadUrl: `${o.publicUrl}${certificatePdfPath(certificate.id)}`,
            verifyUrl: `${o.publicUrl}${verifyPath(certificate.id)}`,
          }
        : undefined,
    },
    uniqueKey: `course-completed:${row.id}`,
  });
  return { certificate };
}
