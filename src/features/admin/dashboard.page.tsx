import type { JobStatus } from '../../db/schema.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from './admin-layout.js';

export type DashboardData = { jobs: Record<JobStatus, number>; emailsSent: number; transport: 'outbox' | 'smtp' };

export function DashboardPage({ ctx, data }: { ctx: PageContext; data: DashboardData }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('admin.dashboard.title')}>
      <p class="muted">{t('admin.dashboard.welcome', { email: ctx.admin?.email ?? '' })}</p>
      {data.jobs.dead > 0 && (
        <Alert kind="error">
          <a href="/admin/jobs?status=dead">{t('admin.dashboard.deadHint')}</a>
        </Alert>
      )}
      <div class="tiles">
        <div class="tile">
          <div class="n">{data.emailsSent}</div>
          <div class="l">{t('admin.dashboard.emails')}</div>
        </div>
        <div class="tile">
          <div class="n">{data.jobs.pending + data.jobs.running}</div>
          <div class="l">{t('admin.dashboard.jobsPending')}</div>
        </div>
        <div class="tile">
          <div class="n">{data.jobs.dead}</div>
          <div class="l">{t('admin.dashboard.jobsDead')}</div>
        </div>
        <div class="tile">
          <div class="n small">{t(`admin.dashboard.transport.${data.transport}`)}</div>
          <div class="l">{t('admin.dashboard.mailTransport')}</div>
        </div>
      </div>
    </AdminLayout>
  );
}
