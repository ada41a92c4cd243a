import type { Certificate } from '../../db/schema.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { certificateDay, studyHours } from './certificate-texts.js';

/**
 * The public verification page of a certificate (`/verify/<id>`, the PDF's
 * QR code): the fields the PDF shows, in the reader's language, days on the
 * store's clock, and whether it still holds — a revoked one says since when.
 */
export function VerifyPage({ ctx, cert }: { ctx: PageContext; cert: Certificate }) {
  const day = (iso: string) => certificateDay(iso, ctx.timeZone, ctx.locale);
  const revoked = cert.revoked_at ? day(cert.revoked_at) : undefined;
  const rows: [string, string][] = [
    [ctx.t('certificates.verify.student'), cert.student_name || '—'],
    [ctx.t('certificates.verify.course'), cert.course_title],
    [ctx.t('certificates.verify.date'), day(cert.issued_at)],
  ];
  if (cert.study_minutes > 0)
    rows.push([
      ctx.t('certificates.verify.hours'),
      ctx.t('certificates.verify.hoursValue', { hours: studyHours(cert.study_minutes, ctx.locale) }),
    ]);
  rows.push(
    [ctx.t('certificates.verify.id'), cert.id],
    [ctx.t('certificates.verify.issuer'), ctx.storeName],
    [
      ctx.t('certificates.verify.status'),
      revoked
        ? ctx.t('certificates.verify.statusRevoked', { date: revoked })
        : ctx.t('certificates.verify.statusValid'),
    ],
  );
  const title = ctx.t('certificates.verify.title', { id: cert.id });
  return (
    <Layout ctx={ctx} title={title} head={<meta name="robots" content="noindex" />}>
      <h1>{title}</h1>
      {revoked ? (
        <Alert kind="error">{ctx.t('certificates.verify.revoked', { date: revoked })}</Alert>
      ) : (
        <Alert kind="success">{ctx.t('certificates.verify.valid')}</Alert>
      )}
      <dl class={revoked ? 'certificate-facts revoked' : 'certificate-facts'}>
        {rows.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <p class="muted">{ctx.t('certificates.verify.explain')}</p>
    </Layout>
  );
}
