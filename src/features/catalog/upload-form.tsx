import type { ComponentChildren } from 'preact';
import { IdPrefix } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';

/**
 * A multipart form: `_csrf` comes first, so the server can check it before any
 * file byte is stored. upload.js adds a progress bar; without it the browser posts as usual.
 */
export function UploadForm(props: {
  ctx: PageContext;
  action: string;
  maxBytes: number;
  class?: string;
  /** Prefix of the field ids inside, for a page with several upload forms (see `Form`). */
  idPrefix?: string;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const form = (
    <form
      method="post"
      action={props.action}
      enctype="multipart/form-data"
      class={props.class ? `upload-form ${props.class}` : 'upload-form'}
      data-max-bytes={String(props.maxBytes)}
      data-too-large={ctx.t('catalog.upload.tooLargeClient')}
      data-uploading={ctx.t('catalog.upload.progress')}
      data-failed={ctx.t('catalog.upload.failed')}
    >
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {props.children}
    </form>
  );
  return props.idPrefix ? <IdPrefix.Provider value={props.idPrefix}>{form}</IdPrefix.Provider> : form;
}
