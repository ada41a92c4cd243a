import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';

/** One button: the whole store as a ZIP of CSV files and one JSON archive. */
export function StoreExportPage({ ctx }: { ctx: PageContext }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('storeExport.title')}>
      <p>{ctx.t('storeExport.intro')}</p>
      <p class="muted">{ctx.t('storeExport.secrets')}</p>
      <Form ctx={ctx} action="/admin/export">
        <button type="submit">{ctx.t('storeExport.download')}</button>
      </Form>
    </AdminLayout>
  );
}
