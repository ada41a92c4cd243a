import { handleJob } from '../../jobs/define.js';
import { eventReminderJob, eventSessionChangedJob, eventTicketMailJob } from './job-contracts.js';
import { sendReminders, sendSessionChange, sendTicketMail } from './mails.js';

/* The handlers of the events feature's emails (listed in its feature.ts); the work is in mails.ts. */

export const eventTicketMailHandler = handleJob(eventTicketMailJob, async ({ ticketId, occasion }, { services }) => {
  await sendTicketMail(services, ticketId, occasion);
});

export const eventReminderHandler = handleJob(eventReminderJob, async (payload, { services, log }) => {
  const queued = await sendReminders(services, payload);
  if (queued > 0) log.info({ ...payload, queued }, 'event reminders queued');
});

export const eventSessionChangedHandler = handleJob(eventSessionChangedJob, async (payload, { services, log }) => {
  const queued = await sendSessionChange(services, payload);
  if (queued > 0) log.info({ ...payload, queued }, 'event session change emails queued');
});

export const eventMailJobs = [eventTicketMailHandler, eventReminderHandler, eventSessionChangedHandler] as const;
