import { sendEmailJob } from '../features/email/send-email.job.js';
import type { JobDefinition } from './define.js';

/** Every job kind the workers run, listed explicitly. */
export const allJobs: JobDefinition[] = [sendEmailJob as JobDefinition];
