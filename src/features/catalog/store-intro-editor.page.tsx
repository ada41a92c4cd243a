import type { ComponentChildren } from 'preact';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { coverPath } from './cover-image.js';
import { TextArea } from './form-parts.js';
import { INTRO_LIMITS, type IntroErrors, type IntroInput, type StoreIntro } from './store-intro.js';

const ERROR_KEYS = {
  'too-long': 'catalog.intro.error.tooLong',
  'too-large': 'catalog.intro.error.tooLarge',
  'not-image': 'catalog.cover.notImage',
} as const;

/** The admin page where the creator writes the intro. */
export function StoreIntroEditorPage({
  ctx,
  intro,
  values,
  errors = {},
  notice,
}: {
  ctx: PageContext;
  intro: StoreIntro;
  values?: IntroInput | undefined;
  errors?: IntroErrors;
  notice?: 'saved' | undefined;
}) {
  const t = ctx.t;
  const v = values ?? { headline: intro.headline, text: intro.text, imageAlt: intro.imageAlt, removeImage: false };
  const err = (k: keyof IntroErrors): string | undefined => {
    const e = errors[k];
    return e ? t(ERROR_KEYS[e], { max: k === 'image' ? 10 : INTRO_LIMITS[k as keyof typeof INTRO_LIMITS] }) : undefined;
  };
  const picture = coverPath(intro.imageKey);
  return (
    <AdminLayout ctx={ctx} title={t('catalog.intro.title')}>
      {notice === 'saved' && <Alert kind="success">{t('catalog.intro.saved')}</Alert>}
      {Object.keys(errors).length > 0 && <Alert kind="error">{t('catalog.intro.invalid')}</Alert>}
      <p class="muted">
        {t('catalog.intro.intro')} <a href="/">{t('catalog.intro.view')}</a>
      </p>
      <section class="panel">
        <Form ctx={ctx} action="/admin/store" enctype="multipart/form-data">
          <Field
            name="headline"
            label={t('catalog.intro.headline')}
            value={v.headline}
            hint={t('catalog.intro.headlineHint', { store: ctx.storeName })}
            error={err('headline')}
          />
          <TextArea
            name="text"
            label={t('catalog.intro.text')}
            value={v.text}
            rows={6}
            hint={t('catalog.intro.textHint')}
            error={err('text')}
          />
          <Field
            name="imageAlt"
            label={t('catalog.intro.imageAlt')}
            value={v.imageAlt}
            hint={t('catalog.intro.imageAltHint')}
            error={err('imageAlt')}
          />
          {picture && (
            <Current>
              <img class="intro-preview" src={picture} alt={intro.imageAlt} />
              <div class="check">
                <input id="f-removeImage" type="checkbox" name="removeImage" value="1" checked={v.removeImage} />
                <label for="f-removeImage">{t('catalog.intro.removeImage')}</label>
              </div>
            </Current>
          )}
          {/* The file comes last: the fields before it are read first (catalog/multipart.ts). */}
          <div class={err('image') ? 'field invalid' : 'field'}>
            <label for="f-image">{t(picture ? 'catalog.intro.replaceImage' : 'catalog.intro.image')}</label>
            <input
              id="f-image"
              type="file"
              name="image"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-describedby={err('image') ? 'f-image-hint f-image-err' : 'f-image-hint'}
            />
            <p class="hint" id="f-image-hint">
              {t('catalog.cover.hint')}
            </p>
            {err('image') && (
              <p class="error" id="f-image-err">
                {err('image')}
              </p>
            )}
          </div>
          <button type="submit">{t('catalog.intro.save')}</button>
        </Form>
      </section>
    </AdminLayout>
  );
}

function Current({ children }: { children: ComponentChildren }) {
  return <div class="intro-current">{children}</div>;
}
