import type { PrivacyPart } from '../privacy/privacy-part.js';

/**
 * Certificates under the subject's address: exported as issued; erased
 * entirely (the verification page then knows the id no more), since a
 * certificate is not a record the store must keep.
 */
export const certificatesPrivacyPart: PrivacyPart = {
  export: async (db, { address }) => ({
    certificates: await db
      .selectFrom('certificates')
      .select(['id', 'student_name', 'course_title', 'study_minutes', 'issued_at', 'revoked_at', 'revoke_reason'])
      .where('email', '=', address)
      .execute(),
  }),
  erase: async (trx, address) => {
    const r = await trx.deleteFrom('certificates').where('email', '=', address).executeTakeFirst();
    return { certificates: Number(r.numDeletedRows) };
  },
};
