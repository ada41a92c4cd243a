import { handleJob } from '../../jobs/define.js';
import { runImportJob } from './job-contracts.js';
import { ImportFileError } from './parsers/csv.js';
import { failRun, runPhase } from './run-phase.js';

/** One phase of an import; a rerun after a crash goes on after the last committed batch. */
export const runImportJobHandler = handleJob(runImportJob, async ({ runId, phase }, ctx) => {
  try {
    await runPhase({ db: ctx.db, storage: ctx.services.storage, runId, phase });
  } catch (err) {
    // The file itself turned out unreadable: retrying cannot help, the page says why.
    if (err instanceof ImportFileError) return failRun(ctx.db, runId, err.message);
    if (ctx.job.attempts >= ctx.job.max_attempts) await failRun(ctx.db, runId, 'import_error');
    throw err;
  }
});
