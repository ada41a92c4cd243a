import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { renderToString } from 'preact-render-to-string';
import { enqueueJob } from '../../jobs/queue.js';
import type { DisputeReport } from '../../order-core/events.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { translator } from '../../web/messages.js';
import { addQuestion } from '../course-quizzes/save-quiz.js';
import { submitQuizAttempt } from '../course-quizzes/submit-attempt.js';
import { courseCompletedJob } from '../courses/job-contracts.js';
import { completeLesson } from '../courses/progress.js';
import { orderRow, seedCourse, seedStudent } from '../courses/testing.js';
import { emailsTo } from '../delivery/testing.js';
import { signInLibrary } from '../memberships/testing.js';
import { certificatesPrivacyPart } from './privacy-part.js';
import { CertificateLinks, findCertificateOfEnrolment } from './student-links.js';

describe('certificates: issued on completion, the PDF, the verification page, revoked by a refund', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());
  const db = () => t.services.database.db;
  const certificatesOf = (enrolmentId: string) =>
    db().selectFrom('certificates').selectAll().where('enrolment_id', '=', enrolmentId).execute();

  /** Completes every lesson as the lead's progress code does: the last one queues `courses.completed`. */
  const completeAll = async (lessonIds: string[], enrolmentId: string, now: Date) => {
    for (const lessonId of lessonIds)
      await db()
        .transaction()
        .execute((trx) => completeLesson(trx, enrolmentId, lessonId, now));
    await t.drainJobs();
  };

  test('completing the last lesson issues one certificate and one email, however often the job runs', async () => {
    const course = await seedCourse(t.services, { title: 'Sourdough from Scratch', studyMinutes: 150 });
    const { email, enrolmentId } = await seedStudent(t.services, course.productId, { name: 'Ada Lovelace' });
    // 23:30 UTC on 1 March is 2 March on the store's clock (Europe/Berlin).
    await completeAll(course.lessonIds, enrolmentId, new Date('2026-03-01T23:30:00Z'));
    const [cert, ...more] = await certificatesOf(enrolmentId);
    assert.ok(cert);
    assert.equal(more.length, 0);
    assert.match(cert.id, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(cert.student_name, 'Ada Lovelace');
    assert.equal(cert.course_title, 'Sourdough from Scratch');
    assert.equal(cert.study_minutes, 150);
    assert.equal(cert.issued_at, '2026-03-01T23:30:00.000Z');

    // The job again (a crash, a rerun): nothing twice.
    await enqueueJob(db(), courseCompletedJob, { enrolmentId }, { uniqueKey: `again:${enrolmentId}` });
    await t.drainJobs();
    assert.equal((await certificatesOf(enrolmentId)).length, 1);
    const mails = await emailsTo(t.services, email);
    const completion = mails.filter((m) => m.template === 'course-completed');
    assert.equal(completion.length, 1);
    assert.match(completion[0]!.subject, /You completed “Sourdough from Scratch”/);
    assert.ok(completion[0]!.text.includes(`${t.services.config.publicUrl}/verify/${cert.id}`));
    assert.ok(completion[0]!.text.includes(`${t.services.config.publicUrl}/library/certificates/${cert.id}`));
  });

  test('the PDF: only for its own student, a real PDF with the id', async () => {
    const course = await seedCourse(t.services, { lessons: 1 });
    const { email, enrolmentId } = await seedStudent(t.services, course.productId, { name: 'Grace Hopper' });
    await completeAll(course.lessonIds, enrolmentId, new Date());
    const [cert] = await certificatesOf(enrolmentId);
    assert.ok(cert);
    const url = `/library/certificates/${cert.id}`;

    assert.equal((await new TestClient(t.app).get(url)).statusCode, 303, 'signed out: to the library sign-in');
    const other = await seedStudent(t.services, course.productId);
    const stranger = new TestClient(t.app);
    await signInLibrary(t, stranger, other.email);
    assert.equal((await stranger.get(url)).statusCode, 404, 'another customer');

    const student = new TestClient(t.app);
    await signInLibrary(t, student, email);
    const started = performance.now();
    const res = await student.get(url);
    const ms = performance.now() - started;
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="certificate-/);
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdf.toString('latin1');
    assert.ok(text.includes(cert.id), 'the id is in the document information');
    assert.ok(text.includes(`${t.services.config.publicUrl}/verify/${cert.id}`), 'the verification link');
    const doc = await PDFDocument.load(pdf);
    assert.equal(doc.getPageCount(), 1, 'one page: nothing ran over');
    assert.equal(doc.getTitle(), `Certificate of Completion ${cert.id}`);
    t.services.log.info({ ms, bytes: pdf.length }, 'certificate rendered');
    // Lower case without dashes is still found (typed from paper).
    assert.equal(
      (await student.get(`/library/certificates/${cert.id.replace(/-/g, '').toLowerCase()}`)).statusCode,
      200,
    );
  });

  test('the verification page shows the same fields in the reader language; unknown ids are 404', async () => {
    const course = await seedCourse(t.services, { title: 'Bread Basics', studyMinutes: 90 });
    const { enrolmentId } = await seedStudent(t.services, course.productId, { name: 'Emmy Noether' });
    await completeAll(course.lessonIds, enrolmentId, new Date('2026-03-01T23:30:00Z'));
    const [cert] = await certificatesOf(enrolmentId);
    assert.ok(cert);
    const visitor = new TestClient(t.app);
    const page = await visitor.get(`/verify/${cert.id}`);
    assert.equal(page.statusCode, 200);
    for (const part of [
      'Emmy Noether',
      'Bread Basics',
      '2 Mar 2026',
      '1.5 hours',
      cert.id,
      'This certificate is valid.',
    ])
      assert.ok(page.body.includes(part), part);
    assert.match(page.body, /<meta name="robots" content="noindex"\/>/);
    const de = await visitor.get(`/verify/${cert.id}`, { 'accept-language': 'de' });
    for (const part of ['Dieses Zertifikat ist gültig.', '02.03.2026', '1,5 Stunden', 'Abgeschlossen am'])
      assert.ok(de.body.includes(part), part);

    const typed = await visitor.get(`/verify/${cert.id.replace(/-/g, ' ').toLowerCase()}`);
    assert.equal(typed.statusCode, 301);
    assert.equal(typed.headers.location, `/verify/${cert.id}`);
    assert.equal((await visitor.get('/verify/AAAA-AAAA-AAAA-AAAA')).statusCode, 404);
    assert.equal((await visitor.get('/verify/not-an-id')).statusCode, 404);
  });

  test('a refund revokes the certificate, a dispute too and a won dispute restores it', async () => {
    const course = await seedCourse(t.services, { lessons: 1 });
    const a = await seedStudent(t.services, course.productId, { name: 'Refunded Student' });
    const b = await seedStudent(t.services, course.productId, { name: 'Disputed Student' });
    await completeAll(course.lessonIds, a.enrolmentId, new Date());
    await completeAll(course.lessonIds, b.enrolmentId, new Date());
    const [certA] = await certificatesOf(a.enrolmentId);
    const [certB] = await certificatesOf(b.enrolmentId);
    assert.ok(certA && certB);
    const { orders } = t.services;

    const orderA = await orderRow(t.services, a.orderId);
    await db()
      .transaction()
      .execute((trx) => orders.markRefunded(trx, orderA, { source: 'test' }));
    const [revoked] = await certificatesOf(a.enrolmentId);
    assert.ok(revoked?.revoked_at);
    assert.equal(revoked.revoke_reason, 'refund');
    const page = await new TestClient(t.app).get(`/verify/${certA.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This certificate was revoked on \d{1,2} \w{3} \d{4}\./);
    assert.match(page.body, /Revoked on/);
    const de = await new TestClient(t.app).get(`/verify/${certA.id}`, { 'accept-language': 'de' });
    assert.match(de.body, /Dieses Zertifikat wurde am \d{2}\.\d{2}\.\d{4} widerrufen\./);
    // Its student can no longer download it: the page says why.
    const student = new TestClient(t.app);
    await signInLibrary(t, student, a.email);
    const download = await student.get(`/library/certificates/${certA.id}`);
    assert.equal(download.statusCode, 303);
    assert.equal(download.headers.location, `/verify/${certA.id}`);

    const dispute: DisputeReport = { id: 'dp_1', status: 'open', amountMinor: 4900, reason: 'fraudulent' };
    const orderB = await orderRow(t.services, b.orderId);
    await db()
      .transaction()
      .execute((trx) => orders.markDisputed(trx, orderB, 'test', dispute));
    assert.equal((await certificatesOf(b.enrolmentId))[0]?.revoke_reason, 'dispute');
    const disputed = await orderRow(t.services, b.orderId);
    await db()
      .transaction()
      .execute((trx) => orders.markDisputeWon(trx, disputed, 'test', { ...dispute, status: 'won' }));
    const [restored] = await certificatesOf(b.enrolmentId);
    assert.equal(restored?.revoked_at, null);
    assert.equal(restored?.revoke_reason, null);
    assert.match((await new TestClient(t.app).get(`/verify/${certB.id}`)).body, /This certificate is valid\./);
  });

  test('no certificate for a course without one (the email still goes), none for a revoked enrolment', async () => {
    const plain = await seedCourse(t.services, { certificate: false, title: 'Free Tips' });
    const s = await seedStudent(t.services, plain.productId);
    await completeAll(plain.lessonIds, s.enrolmentId, new Date());
    assert.equal((await certificatesOf(s.enrolmentId)).length, 0);
    const mails = (await emailsTo(t.services, s.email)).filter((m) => m.template === 'course-completed');
    assert.equal(mails.length, 1);
    assert.doesNotMatch(mails[0]!.text, /\/verify\//);

    const course = await seedCourse(t.services);
    const r = await seedStudent(t.services, course.productId);
    await db()
      .updateTable('course_enrolments')
      .set({ completed_at: new Date().toISOString(), revoked_at: new Date().toISOString() })
      .where('id', '=', r.enrolmentId)
      .execute();
    await enqueueJob(db(), courseCompletedJob, { enrolmentId: r.enrolmentId });
    await t.drainJobs();
    assert.equal((await certificatesOf(r.enrolmentId)).length, 0);
  });

  test('a carried-out withdrawal revokes; a partial refund does not', async () => {
    const course = await seedCourse(t.services, { lessons: 1 });
    const w = await seedStudent(t.services, course.productId);
    const p = await seedStudent(t.services, course.productId);
    await completeAll(course.lessonIds, w.enrolmentId, new Date());
    await completeAll(course.lessonIds, p.enrolmentId, new Date());
    const { orders } = t.services;
    const partial = await orderRow(t.services, p.orderId);
    await db()
      .transaction()
      .execute((trx) => orders.recordPartialRefund(trx, partial, 1000, { source: 'test' }));
    assert.equal((await certificatesOf(p.enrolmentId))[0]?.revoked_at, null);
    const withdrawn = await orderRow(t.services, w.orderId);
    await db()
      .transaction()
      .execute((trx) => orders.recordWithdrawal(trx, withdrawn, { source: 'test' }));
    assert.equal((await certificatesOf(w.enrolmentId))[0]?.revoke_reason, 'withdrawal');
    // The refund that follows keeps the first reason.
    await db()
      .transaction()
      .execute((trx) => orders.markRefunded(trx, withdrawn, { source: 'test' }));
    assert.equal((await certificatesOf(w.enrolmentId))[0]?.revoke_reason, 'withdrawal');
  });

  test('the student links on the course pages, and the GDPR export and erasure', async () => {
    const course = await seedCourse(t.services, { lessons: 1 });
    const s = await seedStudent(t.services, course.productId, { name: 'Lise Meitner' });
    await completeAll(course.lessonIds, s.enrolmentId, new Date());
    const cert = await findCertificateOfEnrolment(db(), s.enrolmentId);
    assert.ok(cert);
    const ctx = {
      locale: 'de' as const,
      t: translator('de'),
      csrfToken: '',
      storeName: 'S',
      timeZone: 'UTC',
      path: '/',
    };
    const html = renderToString(CertificateLinks({ ctx, cert }));
    assert.ok(html.includes(`href="/library/certificates/${cert.id}"`));
    assert.ok(html.includes('Zertifikat herunterladen (PDF)'));

    const exported = await certificatesPrivacyPart.export!(db(), { address: s.email, orderIds: [s.orderId] });
    assert.deepEqual(
      (exported.certificates as { id: string }[]).map((c) => c.id),
      [cert.id],
    );
    const erased = await db()
      .transaction()
      .execute((trx) => certificatesPrivacyPart.erase!(trx, s.email, new Date().toISOString()));
    assert.deepEqual(erased, { certificates: 1 });
    assert.equal((await new TestClient(t.app).get(`/verify/${cert.id}`)).statusCode, 404);
  });

  test('passing the quiz of the last lesson completes the course and issues the certificate', async () => {
    const course = await seedCourse(t.services, { lessons: 2 });
    const s = await seedStudent(t.services, course.productId, { name: 'Marie Curie', locale: 'de' });
    const quizLesson = course.lessonIds[1]!;
    const added = await addQuestion(db(), {
      productId: course.productId,
      lessonId: quizLesson,
      input: {
        prompt: 'Q',
        kind: 'single',
        options: [
          { label: 'ja', correct: true },
          { label: 'nein', correct: false },
        ],
      },
    });
    assert.equal(added.kind, 'ok');
    const right = await db()
      .selectFrom('course_quiz_options')
      .select(['id', 'question_id'])
      .where('label', '=', 'ja')
      .where('question_id', '=', added.kind === 'ok' ? added.id : '')
      .executeTakeFirstOrThrow();
    await completeAll([course.lessonIds[0]!], s.enrolmentId, new Date());
    assert.equal((await certificatesOf(s.enrolmentId)).length, 0, 'the quiz lesson is still open');
    const result = await submitQuizAttempt(db(), {
      lessonId: quizLesson,
      enrolmentId: s.enrolmentId,
      answers: { [right.question_id]: [right.id] },
    });
    assert.equal(result.kind, 'graded');
    await t.drainJobs();
    const [cert] = await certificatesOf(s.enrolmentId);
    assert.equal(cert?.student_name, 'Marie Curie');
    assert.equal(cert?.locale, 'de');
    const mail = (await emailsTo(t.services, s.email)).find((m) => m.template === 'course-completed');
    assert.match(mail?.subject ?? '', /^Sie haben „Sourdough from Scratch“ abgeschlossen$/);
  });
});
