import type { Product } from '../../db/schema.js';
import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { COVER_MAX_BYTES, coverPath } from './cover-image.js';
import { FileInput } from './form-parts.js';
import { UploadForm } from './upload-form.js';

/** The product's cover: what is there, a new upload, remove. */
export function CoverSection({
  ctx,
  product,
  error,
}: {
  ctx: PageContext;
  product: Product;
  error?: string | undefined;
}) {
  const t = ctx.t;
  const cover = coverPath(product.cover_key);
  return (
    <section class="panel" aria-labelledby="h-cover" id="cover">
      <h2 id="h-cover">{t('catalog.cover')}</h2>
      {cover ? (
        <img class="cover-preview" src={cover} alt={t('catalog.cover.alt', { title: product.title })} />
      ) : (
        <p class="muted">{t('catalog.cover.none')}</p>
      )}
      <UploadForm ctx={ctx} action={`/admin/products/${product.id}/cover`} maxBytes={COVER_MAX_BYTES}>
        <FileInput
          name="cover"
          label={cover ? t('catalog.cover.replace') : t('catalog.cover.upload')}
          accept="image/jpeg,image/png,image/webp,image/gif"
          hint={t('catalog.cover.hint')}
          error={error}
        />
        <button type="submit">{t('catalog.cover.submit')}</button>
      </UploadForm>
      {cover && (
        <Form ctx={ctx} action={`/admin/products/${product.id}/cover/remove`} class="inline-form">
          <button type="submit" class="link">
            {t('catalog.cover.remove')}
          </button>
        </Form>
      )}
    </section>
  );
}
