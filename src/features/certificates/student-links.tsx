import type { Certificate, Db } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { certificateDay, certificatePdfPath, verifyPath } from './certificate-texts.js';

/** The certificate of an enrolment, if one was issued. */
export function findCertificateOfEnrolment(db: Db, enrolmentId: string): Promise<Certificate | undefined> {
  return db.selectFrom('certificates').selectAll().where('enrolment_id', '=', enrolmentId).executeTakeFirst();
}

/**
 * The student's certificate on their course pages: the PDF and the public
 * verification page, or since when it is revoked. Load it with
 * `findCertificateOfEnrolment`.
 */
export function CertificateLinks({ ctx, cert }: { ctx: PageContext; cert: Certificate }) {
  return (
    <section class="certificate-links" aria-labelledby="certificate-title">
      <h2 id="certificate-title">{ctx.t('certificates.student.title')}</h2>
      {cert.revoked_at ? (
        <p>
          {ctx.t('certificates.student.revoked', {
            date: certificateDay(cert.revoked_at, ctx.timeZone, ctx.locale),
          })}
        </p>
      ) : (
        <p class="actions">
          <a class="btn" href={certificatePdfPath(cert.id)}>
            {ctx.t('certificates.student.download')}
          </a>{' '}
          <a href={verifyPath(cert.id)}>{ctx.t('certificates.student.verify', { id: cert.id })}</a>
        </p>
      )}
    </section>
  );
}
