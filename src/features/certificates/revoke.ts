import type { CertificateRevokeReason, Db } from '../../db/schema.js';

/** Enrolments held by the order. */
const enrolmentsOf = (db: Db, orderId: string) =>
  db.selectFrom('course_enrolments').select('id').where('order_id', '=', orderId);

/**
 * Revokes the certificates earned through an order (full refund, dispute,
 * withdrawal), in the order's transaction. One revoked already keeps its
 * first reason and time.
 */
export async function revokeCertificatesOfOrder(
  db: Db,
  orderId: string,
  reason: CertificateRevokeReason,
  at: string,
): Promise<number> {
  const r = await db
    .updateTable('certificates')
    .set({ revoked_at: at, revoke_reason: reason })
    .where('enrolment_id', 'in', enrolmentsOf(db, orderId))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Makes valid again what a revocation for `reason` took (a won dispute), and nothing else. */
export async function restoreCertificatesOfOrder(
  db: Db,
  orderId: string,
  reason: CertificateRevokeReason,
): Promise<number> {
  const r = await db
    .updateTable('certificates')
    .set({ revoked_at: null, revoke_reason: null })
    .where('enrolment_id', 'in', enrolmentsOf(db, orderId))
    .where('revoke_reason', '=', reason)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
