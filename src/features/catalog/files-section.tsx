import type { Product } from '../../db/schema.js';
import { Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { formatDateTime } from '../../web/i18n.js';
import { FileInput } from './form-parts.js';
import type { EditorErrors } from './product-editor.page.js';
import type { ProductFileWithVersion } from './queries.js';
import { UploadForm } from './upload-form.js';

type Props = {
  ctx: PageContext;
  product: Product;
  files: ProductFileWithVersion[];
  errors: EditorErrors;
  maxUploadBytes: number;
};

function FileRow({
  ctx,
  product,
  file,
  index,
  count,
  errors,
  maxUploadBytes,
}: Omit<Props, 'files'> & {
  file: ProductFileWithVersion;
  index: number;
  count: number;
}) {
  const t = ctx.t;
  const base = `/admin/products/${product.id}/files/${file.id}`;
  const versionError = errors[`version:${file.id}`];
  const renameError = errors[`rename:${file.id}`];
  return (
    <li class="file-row" id={`file-${file.id}`}>
      <div class="file-head">
        <div>
          <strong>{file.name}</strong>
          <div class="muted small">
            {t('catalog.files.meta', {
              fileName: file.file_name,
              size: formatFileSize(file.size_bytes, ctx.locale),
              version: file.version,
              date: formatDateTime(file.updated_at, ctx.locale, ctx.timeZone),
            })}
          </div>
        </div>
        <div class="file-order">
          <Form ctx={ctx} action={`${base}/move`} class="inline-form">
            <input type="hidden" name="direction" value="up" />
            <button type="submit" class="secondary small-btn" disabled={index === 0}>
              <span aria-hidden="true">↑</span>
              <span class="visually-hidden">{t('catalog.files.up', { name: file.name })}</span>
            </button>
          </Form>
          <Form ctx={ctx} action={`${base}/move`} class="inline-form">
            <input type="hidden" name="direction" value="down" />
            <button type="submit" class="secondary small-btn" disabled={index === count - 1}>
              <span aria-hidden="true">↓</span>
              <span class="visually-hidden">{t('catalog.files.down', { name: file.name })}</span>
            </button>
          </Form>
        </div>
      </div>
      <details open={Boolean(versionError)}>
        <summary>{t('catalog.files.newVersion')}</summary>
        <UploadForm ctx={ctx} action={`${base}/versions`} maxBytes={maxUploadBytes} idPrefix={`version-${file.id}`}>
          <div class="check">
            <input type="checkbox" id={`f-notify-${file.id}`} name="notify" value="1" />
            <label for={`f-notify-${file.id}`}>{t('catalog.files.notify')}</label>
          </div>
          <FileInput
            name="file"
            label={t('catalog.files.chooseVersion')}
            hint={t('catalog.files.maxSize', { size: formatFileSize(maxUploadBytes, ctx.locale) })}
            error={versionError}
          />
          <button type="submit">{t('catalog.files.uploadVersion')}</button>
        </UploadForm>
      </details>
      <details open={Boolean(renameError)}>
        <summary>{t('catalog.files.rename')}</summary>
        <Form ctx={ctx} action={`${base}/rename`} idPrefix={`rename-${file.id}`}>
          <Field name="name" label={t('catalog.files.displayName')} value={file.name} error={renameError} required />
          <button type="submit" class="secondary">
            {t('catalog.files.renameSave')}
          </button>
        </Form>
      </details>
      <Form ctx={ctx} action={`${base}/delete`} class="inline-form">
        <button type="submit" class="link danger-link">
          {t('catalog.files.delete', { name: file.name })}
        </button>
      </Form>
    </li>
  );
}

/** The files buyers get: the list with its actions and an upload for another file. */
export function FilesSection(props: Props) {
  const { ctx, product, files, errors, maxUploadBytes } = props;
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-files" id="files">
      <h2 id="h-files">{t('catalog.files.title')}</h2>
      {files.length === 0 ? (
        <p class="muted">{t('catalog.files.none')}</p>
      ) : (
        <ol class="file-list">
          {files.map((file, index) => (
            <FileRow {...props} file={file} index={index} count={files.length} />
          ))}
        </ol>
      )}
      <h3>{t('catalog.files.add')}</h3>
      <UploadForm ctx={ctx} action={`/admin/products/${product.id}/files`} maxBytes={maxUploadBytes}>
        <Field name="name" label={t('catalog.files.displayNameOptional')} hint={t('catalog.files.displayName.hint')} />
        <FileInput
          name="file"
          label={t('catalog.files.choose')}
          hint={t('catalog.files.maxSize', { size: formatFileSize(maxUploadBytes, ctx.locale) })}
          error={errors.file}
        />
        <button type="submit">{t('catalog.files.upload')}</button>
      </UploadForm>
    </section>
  );
}
