import type { Selectable } from 'kysely';

/** Certificates of completed courses (features/certificates). */

export type CertificateRevokeReason = 'refund' | 'dispute' | 'withdrawal';

export interface CertificatesTable {
  /** The public id, e.g. `7KQ3-M9XD-2HTW-CJ4R`: 80 random bits in Crockford base32. */
  id: string;
  /** UNIQUE: one certificate per enrolment. */
  enrolment_id: string;
  product_id: string;
  /** The student's normalised address (who may download it). */
  email: string;
  student_name: string;
  course_title: string;
  study_minutes: number;
  /** The PDF's language. */
  locale: string;
  issued_at: string;
  revoked_at: string | null;
  revoke_reason: CertificateRevokeReason | null;
}

export type Certificate = Selectable<CertificatesTable>;
