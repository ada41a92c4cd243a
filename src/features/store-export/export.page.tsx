import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';

/** One button: the whole store as a ZIP of CSV files and one JSON archive. */
export function StoreExportPage({ ctx }: { ctx: PageContext }) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('store-export.title')}>
      <p>{ctx.t('store-export.intro')}</p>
      <p class="muted">{ctx.t('store-export.secrets')}</p>
      <Form ctx={ctx} action="/admin/export">
        <button type="submit">{ctx.t('store-export.download')}</button>
      </Form>
    </AdminLayout>
  );
}
