import { handleJob } from '../../jobs/define.js';
import { courseCompletedJob } from '../courses/job-contracts.js';
import { completeCourse } from './issue-certificate.js';

/** The courses feature's completion job, handled here: the certificate and the completion email (idempotent). */
export const courseCompletedHandler = handleJob(courseCompletedJob, async ({ enrolmentId }, { db, services }) => {
  await db
    .transaction()
    .execute((trx) => completeCourse(trx, { enrolmentId, publicUrl: services.config.publicUrl, now: new Date() }));
  services.nudgeWorker();
});
