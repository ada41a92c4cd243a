import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';

/** The store front; the catalogue fills it once products exist. */
export function StoreHomePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.storeName}>
      <h1>{ctx.storeName}</h1>
      <p class="empty">{ctx.t('shell.store.empty')}</p>
    </Layout>
  );
}
