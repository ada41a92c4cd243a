import type { ImportRun } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import type { MessageKey } from '../../web/messages.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { DateTime } from '../orders/parts.js';
import { exportLabel } from './labels.js';

/** The upload form and the recent runs. */
export function ImportsPage({
  ctx,
  runs,
  maxBytes,
  error,
}: {
  ctx: PageContext;
  runs: readonly ImportRun[];
  maxBytes: number;
  error?: string | undefined;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t('imports.title')}>
      <p>{t('imports.intro')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <Form ctx={ctx} action="/admin/imports" enctype="multipart/form-data">
        {/* A .field like the other admin forms: the same label weight and hint size. */}
        <div class="field">
          <label for="f-file">{t('imports.upload.file')}</label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby="f-file-hint"
            aria-invalid={error ? 'true' : undefined}
          />
          <p id="f-file-hint" class="hint">
            {t('imports.upload.hint', { size: formatFileSize(maxBytes, ctx.locale) })}
          </p>
        </div>
        <button type="submit">{t('imports.upload.submit')}</button>
      </Form>
      <h2>{t('imports.runs.title')}</h2>
      {runs.length === 0 ? (
        <p class="empty">{t('imports.runs.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('imports.runs.file')}</th>
              <th scope="col">{t('imports.runs.source')}</th>
              <th scope="col">{t('imports.runs.status')}</th>
              <th scope="col">{t('imports.runs.uploaded')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/imports/${r.id}`}>{r.file_name}</a>
                </td>
                <td>{exportLabel(ctx, r.source, r.export_name)}</td>
                <td>{t(`imports.status.${r.status}` as MessageKey)}</td>
                <td>
                  <DateTime ctx={ctx} iso={r.created_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
