import type { ImportLine, ImportRun } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { isMessageKey, type MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { exportLabel } from './labels.js';
import { parseSummary } from './summary.js';

export type LineFilter = 'create' | 'merge' | 'skip' | null;

type Props = {
  ctx: PageContext;
  run: ImportRun;
  phase: 'dry' | 'real';
  lines: readonly ImportLine[];
  filter: LineFilter;
  page: number;
  hasNext: boolean;
  error?: string | undefined;
};

const ACTIONS = ['create', 'merge', 'skip'] as const;

/** A run: its progress while running, the counts, the lines (filtered, paged) and the button that starts the import. */
export function ImportRunPage(p: Props) {
  const { ctx, run } = p;
  const t = ctx.t;
  const running = run.status === 'uploaded' || run.status === 'importing';
  return (
    <AdminLayout ctx={ctx} title={t('imports.run.title', { file: run.file_name })}>
      {/* Refreshed by the browser while the job runs (no script). */}
      {running && <meta http-equiv="refresh" content="3" />}
      <p>
        <a href="/admin/imports">{t('imports.run.back')}</a>
      </p>
      <p>
        {`${exportLabel(ctx, run.source, run.export_name)} · `}
        <strong>{t(`imports.status.${run.status}` as MessageKey)}</strong>
      </p>
      {p.error && <Alert kind="error">{p.error}</Alert>}
      {run.status === 'failed' && <Alert kind="error">{t('imports.run.failed', { error: run.error ?? '' })}</Alert>}
      {running && <Progress ctx={ctx} run={run} />}
      <h2>{t(p.phase === 'dry' ? 'imports.run.dryTitle' : 'imports.run.realTitle')}</h2>
      <Summary ctx={ctx} json={p.phase === 'dry' ? run.dry_summary : run.summary} />
      {run.status === 'dry_run_ready' && (
        <Form ctx={ctx} action={`/admin/imports/${run.id}/start`}>
          <p class="muted">{t('imports.run.startHint')}</p>
          <button type="submit">{t('imports.run.start')}</button>
        </Form>
      )}
      <Lines {...p} />
    </AdminLayout>
  );
}

function Progress({ ctx, run }: { ctx: PageContext; run: ImportRun }) {
  const t = ctx.t;
  const done = Number(run.rows_done);
  const total = run.status === 'importing' ? run.rows_total : null;
  return (
    <div>
      <label for="import-progress">{t('imports.run.progress')}</label>{' '}
      {total ? <progress id="import-progress" max={total} value={done} /> : <progress id="import-progress" />}{' '}
      <span>
        {total
          ? t('imports.run.progressText', { done: String(done), total: String(total) })
          : t('imports.run.dryProgressText', { done: String(done) })}
      </span>
      <p class="muted">
        {t('imports.run.refreshing')} <a href={`/admin/imports/${run.id}`}>{t('imports.run.refresh')}</a>
      </p>
    </div>
  );
}

function Summary({ ctx, json }: { ctx: PageContext; json: string }) {
  const t = ctx.t;
  const s = parseSummary(json);
  const effects = Object.entries(s).filter(([k]) => k.includes(':'));
  const label = (k: string) =>
    k.startsWith('skip:') ? `${t('imports.action.skip')}: ${reasonText(ctx, k.slice(5))}` : effectText(ctx, k);
  return (
    <div>
      <dl class="summary">
        <dt>{t('imports.summary.lines')}</dt>
        <dd>{String(s.lines ?? 0)}</dd>
        <dt>{t('imports.summary.create')}</dt>
        <dd>{String(s.create ?? 0)}</dd>
        <dt>{t('imports.summary.merge')}</dt>
        <dd>{String(s.merge ?? 0)}</dd>
        <dt>{t('imports.summary.skip')}</dt>
        <dd>{String(s.skip ?? 0)}</dd>
      </dl>
      {effects.length > 0 && (
        <details>
          <summary>{t('imports.summary.effects')}</summary>
          <ul>
            {effects.map(([k, n]) => (
              <li>{`${label(k)}: ${n}`}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Lines({ ctx, run, lines, filter, page, hasNext }: Props) {
  const t = ctx.t;
  const url = (pg: number) => {
    const q = new URLSearchParams();
    if (filter) q.set('action', filter);
    if (pg > 1) q.set('page', String(pg));
    const s = q.toString();
    return `/admin/imports/${run.id}${s ? `?${s}` : ''}`;
  };
  return (
    <section aria-labelledby="import-lines">
      <form method="get" action={`/admin/imports/${run.id}`}>
        <label for="f-action" id="import-lines">
          {t('imports.filter.label')}
        </label>{' '}
        <select id="f-action" name="action">
          <option value="">{t('imports.filter.all')}</option>
          {ACTIONS.map((a) => (
            <option value={a} selected={filter === a}>
              {t(`imports.action.${a}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('imports.filter.apply')}</button>
      </form>
      {lines.length === 0 ? (
        <p class="muted">{t('imports.lines.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('imports.lines.line')}</th>
              <th scope="col">{t('imports.lines.action')}</th>
              <th scope="col">{t('imports.lines.what')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr>
                <td>{String(l.line)}</td>
                <td>{t(`imports.action.${l.action}`)}</td>
                <td>{lineText(ctx, l)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager">
        {page > 1 && <a href={url(page - 1)}>{t('imports.lines.previous')}</a>}{' '}
        {hasNext && <a href={url(page + 1)}>{t('imports.lines.next')}</a>}
      </nav>
    </section>
  );
}

function lineText(ctx: PageContext, l: ImportLine): string {
  if (l.action === 'skip') return [reasonText(ctx, l.reason ?? ''), l.detail].filter(Boolean).join(' – ');
  return l.effects
    .split(',')
    .filter(Boolean)
    .map((e) => effectText(ctx, e))
    .join(', ');
}

function effectText(ctx: PageContext, effect: string): string {
  const key = `imports.effect.${effect}`;
  return isMessageKey(key) ? ctx.t(key) : effect;
}

function reasonText(ctx: PageContext, reason: string): string {
  const key = `imports.reason.${reason}`;
  return isMessageKey(key) ? ctx.t(key) : reason;
}
