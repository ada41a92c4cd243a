import type { MembershipTier } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { UploadForm } from '../catalog/upload-form.js';
import { Input, TextArea } from '../events/admin-parts.js';
import {
  Checkbox,
  durationLabel,
  episodeStatusLabel,
  errorOf,
  type FailedForm,
  FileField,
  numberLabel,
  SelectField,
  valuesOf,
} from './admin-parts.js';
import type { EpisodeListRow } from './admin-queries.js';
import { ARTWORK_MAX_BYTES, ARTWORK_MIN_SIDE } from './artwork.js';
import { artworkPath } from './links.js';
import type { ShowRow } from './queries.js';
import { categoryChoices, SHOW_LANGUAGES } from './show-categories.js';
import { DEFAULT_SHARING_THRESHOLD, DESCRIPTION_MAX, type ShowForm } from './show-input.js';

export type ShowEditorProps = {
  ctx: PageContext;
  show: ShowRow;
  stored: ShowForm;
  tiers: Pick<MembershipTier, 'id' | 'name' | 'is_free' | 'active'>[];
  episodes: EpisodeListRow[];
  failed?: FailedForm | undefined;
  notice?: string | undefined;
};

/** A show: its settings, artwork, episodes and a new episode; price, VAT and the store live on its product. */
export function ShowEditorPage(props: ShowEditorProps) {
  const { ctx, show, failed, notice } = props;
  return (
    <AdminLayout ctx={ctx} title={show.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('form.errors')}</Alert>}
      <p class="actions">
        <a href="/admin/podcasts">← {ctx.t('podcasts.admin.title')}</a>
        <a href={`/admin/products/${show.product_id}`}>{ctx.t('podcasts.admin.productSettings')}</a>
      </p>
      <p class="muted">{ctx.t('podcasts.admin.productHint')}</p>
      <EpisodesSection {...props} />
      <SettingsSection {...props} />
      <ArtworkSection {...props} />
      <script src="/assets/upload.js" defer />
    </AdminLayout>
  );
}

function SettingsSection({ ctx, show, stored, tiers, failed }: ShowEditorProps) {
  const v = valuesOf(failed, 'settings', stored);
  const e = (f: string) => errorOf(ctx, failed, 'settings', f);
  const chosen = new Set(Array.isArray(v.tiers) ? v.tiers : [v.tiers]);
  return (
    <section aria-labelledby="h-settings" class="panel">
      <h2 id="h-settings">{ctx.t('podcasts.admin.settings')}</h2>
      <Form ctx={ctx} action={`/admin/podcasts/${show.product_id}/settings`} idPrefix="settings">
        <Input
          name="title"
          label={ctx.t('podcasts.admin.field.showTitle')}
          value={v.title}
          error={e('title')}
          required
        />
        <TextArea
          name="description"
          label={ctx.t('podcasts.admin.field.description')}
          hint={ctx.t('podcasts.admin.hint.description', { n: DESCRIPTION_MAX })}
          value={v.description}
          rows={6}
          error={e('description')}
        />
        <Input
          name="author"
          label={ctx.t('podcasts.admin.field.author')}
          hint={ctx.t('podcasts.admin.hint.author')}
          value={v.author}
          error={e('author')}
        />
        <SelectField
          name="language"
          label={ctx.t('podcasts.admin.field.language')}
          value={v.language}
          error={e('language')}
          options={SHOW_LANGUAGES.map((l) => ({ value: l, label: ctx.t(`podcasts.admin.language.${l}`) }))}
        />
        <SelectField
          name="category"
          label={ctx.t('podcasts.admin.field.category')}
          value={v.category}
          error={e('category')}
          options={categoryChoices().map((c) => ({
            value: c.value,
            label: c.subcategory ? `${c.category} › ${c.subcategory}` : c.category,
          }))}
        />
        <Checkbox name="explicit" label={ctx.t('podcasts.admin.field.explicit')} checked={v.explicit === '1'} />
        <fieldset class={e('tiers') ? 'invalid' : undefined}>
          <legend>{ctx.t('podcasts.admin.field.tiers')}</legend>
          {tiers.length === 0 && <p class="muted">{ctx.t('podcasts.admin.noTiers')}</p>}
          {tiers.map((tier) => (
            <div class="check">
              <input
                type="checkbox"
                id={`f-settings-tier-${tier.id}`}
                name="tiers"
                value={tier.id}
                checked={chosen.has(tier.id)}
              />
              <label for={`f-settings-tier-${tier.id}`}>
                {tier.name}
                {tier.is_free ? ` (${ctx.t('podcasts.admin.freeTier')})` : ''}
                {tier.active ? '' : ` (${ctx.t('podcasts.admin.inactiveTier')})`}
              </label>
            </div>
          ))}
          {e('tiers') && <p class="error">{e('tiers')}</p>}
        </fieldset>
        <Checkbox
          name="publicFeed"
          label={ctx.t('podcasts.admin.field.publicFeed')}
          hint={ctx.t('podcasts.admin.hint.publicFeed')}
          checked={v.publicFeed === '1'}
        />
        <Input
          name="threshold"
          label={ctx.t('podcasts.admin.field.threshold')}
          hint={ctx.t('podcasts.admin.hint.threshold', { n: DEFAULT_SHARING_THRESHOLD })}
          value={v.threshold}
          inputmode="numeric"
          error={e('threshold')}
        />
        <button type="submit">{ctx.t('podcasts.admin.save')}</button>
      </Form>
    </section>
  );
}

function ArtworkSection({ ctx, show, failed }: ShowEditorProps) {
  return (
    <section aria-labelledby="h-artwork" class="panel">
      <h2 id="h-artwork">{ctx.t('podcasts.admin.artwork')}</h2>
      {show.artwork_small_key ? (
        <img
          src={artworkPath(show.product_id, show.artwork_small_key)}
          alt={ctx.t('podcasts.admin.artworkAlt', { title: show.title })}
          width={300}
          height={300}
          class="podcast-artwork"
        />
      ) : (
        <p class="muted">{ctx.t('podcasts.admin.noArtwork')}</p>
      )}
      <UploadForm
        ctx={ctx}
        action={`/admin/podcasts/${show.product_id}/artwork`}
        maxBytes={ARTWORK_MAX_BYTES}
        idPrefix="artwork"
      >
        <FileField
          name="artwork"
          label={ctx.t('podcasts.admin.field.artwork')}
          accept="image/jpeg,image/png,image/webp"
          hint={ctx.t('podcasts.admin.hint.artwork', { n: ARTWORK_MIN_SIDE })}
          error={errorOf(ctx, failed, 'artwork', 'artwork')}
        />
        <button type="submit">{ctx.t('podcasts.admin.upload')}</button>
      </UploadForm>
    </section>
  );
}

function EpisodesSection({ ctx, show, episodes, failed }: ShowEditorProps) {
  const base = `/admin/podcasts/${show.product_id}/episodes`;
  return (
    <section aria-labelledby="h-episodes" class="panel">
      <h2 id="h-episodes">{ctx.t('podcasts.admin.episodes')}</h2>
      {episodes.length === 0 ? (
        <p class="empty">{ctx.t('podcasts.admin.noEpisodes')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('podcasts.admin.number')}</th>
                <th scope="col">{ctx.t('podcasts.admin.episode')}</th>
                <th scope="col">{ctx.t('podcasts.admin.status')}</th>
                <th scope="col">{ctx.t('podcasts.admin.access')}</th>
                <th scope="col">{ctx.t('podcasts.admin.duration')}</th>
                <th scope="col">{ctx.t('podcasts.admin.downloads')}</th>
              </tr>
            </thead>
            <tbody>
              {episodes.map((ep) => (
                <tr>
                  <td class="nowrap">{numberLabel(ctx, ep) || '–'}</td>
                  <td>
                    <a href={`${base}/${ep.id}`}>{ep.title}</a>
                    {ep.episode_type !== 'full' && ` (${ctx.t(`podcasts.episodeType.${ep.episode_type}`)})`}
                  </td>
                  <td>{episodeStatusLabel(ctx, ep)}</td>
                  <td>{ctx.t(`podcasts.admin.accessShort.${ep.access}`)}</td>
                  <td>{durationLabel(ep.duration_seconds)}</td>
                  <td>{Number(ep.downloads)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{ctx.t('podcasts.admin.newEpisode')}</h3>
      <Form ctx={ctx} action={base} idPrefix="episode">
        <Field
          name="title"
          label={ctx.t('podcasts.admin.field.episodeTitle')}
          error={errorOf(ctx, failed, 'episode', 'title')}
          required
        />
        <button type="submit">{ctx.t('podcasts.admin.createEpisode')}</button>
      </Form>
    </section>
  );
}
