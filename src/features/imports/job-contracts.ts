import { z } from 'zod';
import { defineJobContract } from '../../jobs/define.js';

/** Runs one phase of an import over its stored file: the dry run, or the import itself. Resumes after its last committed line. */
export const runImportJob = defineJobContract({
  kind: 'imports.run',
  payload: z.object({ runId: z.uuid(), phase: z.enum(['dry', 'real']) }),
  maxAttempts: 5,
});
