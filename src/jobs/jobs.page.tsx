import type { Job, JobStatus } from '../db/schema.js';
import { AdminLayout } from '../features/admin/admin-layout.js';
import { Alert, Form } from '../web/components.js';
import type { PageContext } from '../web/context.js';
import { formatDateTime } from '../web/i18n.js';
import { isMessageKey } from '../web/messages.js';
import { JOB_STATUSES, type JobList } from './queue.js';

export type JobNotice = 'retried' | 'not-found' | 'not-dead';

export type JobsPageProps = {
  ctx: PageContext;
  list: JobList;
  status: JobStatus | undefined;
  counts: Record<JobStatus, number>;
  notice?: JobNotice | undefined;
};

export function jobsUrl(status: JobStatus | undefined, opts: { page?: number; notice?: JobNotice } = {}): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (opts.page && opts.page > 1) q.set('page', String(opts.page));
  if (opts.notice) q.set('notice', opts.notice);
  const s = q.toString();
  return s ? `/admin/jobs?${s}` : '/admin/jobs';
}

const NOTICES = {
  retried: { kind: 'success', key: 'jobs.notice.retried' },
  'not-found': { kind: 'error', key: 'jobs.notice.notFound' },
  'not-dead': { kind: 'info', key: 'jobs.notice.notDead' },
} as const;

/** Long errors (stack traces, SMTP transcripts) stay folded so the table stays readable. */
const SHORT_ERROR = 140;

export function JobsPage({ ctx, list, status, counts, notice }: JobsPageProps) {
  const t = ctx.t;
  const n = notice ? NOTICES[notice] : undefined;
  return (
    <AdminLayout ctx={ctx} title={t('jobs.title')}>
      <p class="muted">{t('jobs.intro')}</p>
      {n && <Alert kind={n.kind}>{t(n.key)}</Alert>}
      <Tabs ctx={ctx} status={status} counts={counts} />
      {list.rows.length === 0 ? (
        <p class="empty">{t(status === 'dead' ? 'jobs.emptyDead' : 'jobs.empty')}</p>
      ) : (
        <JobTable ctx={ctx} rows={list.rows} status={status} />
      )}
      <Pager ctx={ctx} list={list} status={status} />
    </AdminLayout>
  );
}

function Tabs({ ctx, status, counts }: Pick<JobsPageProps, 'ctx' | 'status' | 'counts'>) {
  const all = JOB_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const tabs = [
    { value: undefined, label: ctx.t('jobs.all'), n: all },
    ...JOB_STATUSES.map((s) => ({ value: s, label: ctx.t(`jobs.status.${s}`), n: counts[s] })),
  ];
  return (
    <nav class="tabs" aria-label={ctx.t('jobs.filter')}>
      {tabs.map((tab) => (
        <a href={jobsUrl(tab.value)} aria-current={tab.value === status ? 'page' : undefined}>
          {`${tab.label} (${tab.n})`}
        </a>
      ))}
    </nav>
  );
}

function JobTable({ ctx, rows, status }: { ctx: PageContext; rows: Job[]; status: JobStatus | undefined }) {
  const t = ctx.t;
  const anyDead = rows.some((r) => r.status === 'dead');
  return (
    <div class="table-wrap">
      <table class="jobs">
        <thead>
          <tr>
            <th scope="col">{t('jobs.col.kind')}</th>
            <th scope="col">{t('jobs.col.status')}</th>
            <th scope="col">{t('jobs.col.attempts')}</th>
            <th scope="col">{t('jobs.col.runAt')}</th>
            <th scope="col">{t('jobs.col.lastError')}</th>
            <th scope="col">{t('jobs.col.updated')}</th>
            {anyDead && <th scope="col">{t('jobs.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((job) => (
            <tr id={`job-${job.id}`}>
              <td>
                <JobKind ctx={ctx} kind={job.kind} />
              </td>
              <td>
                <span class={`badge ${job.status}`}>{t(`jobs.status.${job.status}`)}</span>
              </td>
              <td>{t('jobs.attempts', { attempts: job.attempts, max: job.max_attempts })}</td>
              <td>
                <DateTime ctx={ctx} iso={job.run_at} />
              </td>
              <td>
                <ErrorText ctx={ctx} error={job.last_error} />
              </td>
              <td>
                <DateTime ctx={ctx} iso={job.updated_at} />
              </td>
              {anyDead && <td>{job.status === 'dead' && <RetryButton ctx={ctx} job={job} from={status} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function kindText(ctx: PageContext, kind: string): string {
  const key = `jobs.kind.${kind}`;
  return isMessageKey(key) ? ctx.t(key) : kind;
}

/** What the job does, in words, with its kind for searching logs. */
function JobKind({ ctx, kind }: { ctx: PageContext; kind: string }) {
  const text = kindText(ctx, kind);
  if (text === kind) return <code>{kind}</code>;
  return (
    <>
      {text} <code class="muted small">{kind}</code>
    </>
  );
}

function RetryButton({ ctx, job, from }: { ctx: PageContext; job: Job; from: JobStatus | undefined }) {
  return (
    <Form ctx={ctx} action={`/admin/jobs/${encodeURIComponent(job.id)}/retry`} class="inline">
      {from && <input type="hidden" name="from" value={from} />}
      <button
        type="submit"
        class="secondary"
        aria-label={ctx.t('jobs.retry.label', { kind: kindText(ctx, job.kind), id: job.id })}
      >
        {ctx.t('jobs.retry')}
      </button>
    </Form>
  );
}

function ErrorText({ ctx, error }: { ctx: PageContext; error: string | null }) {
  if (!error) return null;
  if (error.length <= SHORT_ERROR) return <span class="job-error">{error}</span>;
  return (
    <details class="job-error">
      <summary title={ctx.t('jobs.error.more')}>{`${error.slice(0, SHORT_ERROR)}…`}</summary>
      <pre>{error}</pre>
    </details>
  );
}

function DateTime({ ctx, iso }: { ctx: PageContext; iso: string }) {
  return <time datetime={iso}>{formatDateTime(iso, ctx.locale, ctx.timeZone)}</time>;
}

function Pager({ ctx, list, status }: Pick<JobsPageProps, 'ctx' | 'list' | 'status'>) {
  if (list.page === 1 && !list.hasNext) return null;
  return (
    <nav class="pager jobs-pager" aria-label={ctx.t('jobs.pages')}>
      {list.page > 1 && (
        <a href={jobsUrl(status, { page: list.page - 1 })} rel="prev">
          {ctx.t('jobs.newer')}
        </a>
      )}
      <span class="muted">{ctx.t('jobs.page', { page: list.page })}</span>
      {list.hasNext && (
        <a href={jobsUrl(status, { page: list.page + 1 })} rel="next">
          {ctx.t('jobs.older')}
        </a>
      )}
    </nav>
  );
}
