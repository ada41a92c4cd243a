import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { needsFernusgWarning, type ProductLegal } from './product-legal.js';

type Props = { ctx: PageContext; product: { id: string; title: string }; value: ProductLegal };

/** A product's legal flags: licensed distance learning (FernUSG) and its ZFU licence number. */
export function ProductLegalPage({ ctx, product, value }: Props) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={`${t('legal.fernusg.title')}: ${product.title}`}>
      <p>
        <a href={`/admin/products/${product.id}`}>← {product.title}</a>
      </p>
      {needsFernusgWarning(value) && <Alert kind="error">{t('legal.fernusg.warning', { title: product.title })}</Alert>}
      <section class="panel">
        <Form ctx={ctx} action={`/admin/products/${product.id}/legal`} class="stack">
          <div class="check">
            <input id="f-dl" type="checkbox" name="distanceLearning" value="1" checked={value.distanceLearning} />
            <div>
              <label for="f-dl">{t('legal.fernusg.flag')}</label>
              <p class="hint">{t('legal.fernusg.flagHint')}</p>
            </div>
          </div>
          <Field name="licence" label={t('legal.fernusg.licence')} value={value.licence} autocomplete="off" />
          <button type="submit">{t('legal.fernusg.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}
