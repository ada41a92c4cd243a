import type { PodcastEpisode } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { AdminLayout } from '../admin/admin-layout.js';
import { UploadForm } from '../catalog/upload-form.js';
import { Input, Radios, TextArea } from '../events/admin-parts.js';
import { utcToLocalInput } from '../posts/local-time.js';
import { durationLabel, episodeStatusLabel, errorOf, type FailedForm, FileField, valuesOf } from './admin-parts.js';
import { AUDIO_MAX_BYTES } from './audio-upload.js';
import { EPISODE_ACCESS, EPISODE_TYPES, episodeFormOf } from './episode-input.js';
import { TRANSCRIPT_MAX_BYTES } from './episode-transcript.js';
import type { ShowRow } from './queries.js';

export type EpisodeEditorProps = {
  ctx: PageContext;
  show: ShowRow;
  episode: PodcastEpisode;
  probeFailed: boolean;
  failed?: FailedForm | undefined;
  notice?: string | undefined;
};

const AUDIO_ACCEPT = 'audio/mpeg,audio/mp4,audio/x-m4a,audio/aac,audio/ogg,audio/opus,audio/flac,audio/wav,.mp3,.m4a';

/** One episode: publication, texts and numbers, chapters, audio and transcript. */
export function EpisodeEditorPage(props: EpisodeEditorProps) {
  const { ctx, show, episode, failed, notice } = props;
  return (
    <AdminLayout ctx={ctx} title={episode.title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed && <Alert kind="error">{ctx.t('form.errors')}</Alert>}
      <p class="actions">
        <a href={`/admin/podcasts/${show.product_id}`}>← {show.title}</a>
      </p>
      <PublicationSection {...props} />
      <AudioSection {...props} />
      <DetailsSection {...props} />
      <TranscriptSection {...props} />
      <script src="/assets/upload.js" defer />
    </AdminLayout>
  );
}

const base = (p: EpisodeEditorProps) => `/admin/podcasts/${p.show.product_id}/episodes/${p.episode.id}`;

function PublicationSection(props: EpisodeEditorProps) {
  const { ctx, episode, failed } = props;
  const at = valuesOf(failed, 'schedule', {
    publishAt: episode.publish_at ? utcToLocalInput(episode.publish_at, ctx.timeZone) : '',
  });
  const live = episode.status !== 'draft';
  return (
    <section aria-labelledby="h-publication" class="panel">
      <h2 id="h-publication">{ctx.t('podcasts.admin.publication')}</h2>
      <p>
        <strong>{ctx.t('podcasts.admin.status')}:</strong> {episodeStatusLabel(ctx, episode)}
      </p>
      {errorOf(ctx, failed, 'publish', 'audio') && (
        <p class="error" role="alert">
          {errorOf(ctx, failed, 'publish', 'audio')}
        </p>
      )}
      {episode.status !== 'published' && (
        <>
          <Form ctx={ctx} action={`${base(props)}/publish`} idPrefix="publish">
            <button type="submit">{ctx.t('podcasts.admin.publishNow')}</button>
          </Form>
          <Form ctx={ctx} action={`${base(props)}/schedule`} idPrefix="schedule">
            <Input
              name="publishAt"
              type="datetime-local"
              label={ctx.t('podcasts.admin.field.publishAt', { zone: ctx.timeZone })}
              value={at.publishAt}
              error={errorOf(ctx, failed, 'schedule', 'publishAt')}
              required
            />
            <button type="submit" class="secondary">
              {ctx.t('podcasts.admin.schedule')}
            </button>
          </Form>
        </>
      )}
      {live && (
        <Form ctx={ctx} action={`${base(props)}/unpublish`} idPrefix="unpublish">
          <button type="submit" class="secondary">
            {ctx.t('podcasts.admin.unpublish')}
          </button>
        </Form>
      )}
      {!live && (
        <p>
          <a href={`${base(props)}/delete`}>{ctx.t('podcasts.admin.delete')}</a>
        </p>
      )}
    </section>
  );
}

function AudioSection(props: EpisodeEditorProps) {
  const { ctx, episode, failed, probeFailed } = props;
  return (
    <section aria-labelledby="h-audio" class="panel">
      <h2 id="h-audio">{ctx.t('podcasts.admin.audio')}</h2>
      {episode.audio_key ? (
        <p>
          {ctx.t('podcasts.admin.audioFile', {
            type: episode.audio_type ?? '',
            size: formatFileSize(episode.audio_size ?? 0, ctx.locale),
          })}{' '}
          {probeFailed ? (
            <strong class="error">{ctx.t('podcasts.admin.probeFailed')}</strong>
          ) : episode.duration_seconds === null ? (
            ctx.t('podcasts.admin.probing')
          ) : (
            ctx.t('podcasts.admin.durationIs', { d: durationLabel(episode.duration_seconds) })
          )}
        </p>
      ) : (
        <p class="muted">{ctx.t('podcasts.admin.noAudio')}</p>
      )}
      <UploadForm ctx={ctx} action={`${base(props)}/audio`} maxBytes={AUDIO_MAX_BYTES} idPrefix="audio">
        <FileField
          name="audio"
          label={ctx.t('podcasts.admin.field.audio')}
          accept={AUDIO_ACCEPT}
          hint={ctx.t('podcasts.admin.hint.audio', { size: formatFileSize(AUDIO_MAX_BYTES, ctx.locale) })}
          error={errorOf(ctx, failed, 'audio', 'audio')}
        />
        <button type="submit">{ctx.t('podcasts.admin.upload')}</button>
      </UploadForm>
    </section>
  );
}

function DetailsSection(props: EpisodeEditorProps) {
  const { ctx, episode, failed } = props;
  const v = valuesOf(failed, 'details', episodeFormOf(episode));
  const e = (f: string) => errorOf(ctx, failed, 'details', f);
  return (
    <section aria-labelledby="h-details" class="panel">
      <h2 id="h-details">{ctx.t('podcasts.admin.details')}</h2>
      <Form ctx={ctx} action={`${base(props)}/details`} idPrefix="details">
        <Input
          name="title"
          label={ctx.t('podcasts.admin.field.episodeTitle')}
          value={v.title}
          error={e('title')}
          required
        />
        <TextArea
          name="summary"
          label={ctx.t('podcasts.admin.field.summary')}
          value={v.summary}
          rows={3}
          error={e('summary')}
        />
        <TextArea
          name="notes"
          label={ctx.t('podcasts.admin.field.notes')}
          hint={ctx.t('podcasts.admin.hint.notes')}
          value={v.notes}
          rows={10}
          error={e('notes')}
        />
        <div class="field-row">
          <Input
            name="season"
            label={ctx.t('podcasts.admin.field.season')}
            value={v.season}
            inputmode="numeric"
            error={e('season')}
          />
          <Input
            name="number"
            label={ctx.t('podcasts.admin.field.number')}
            value={v.number}
            inputmode="numeric"
            error={e('number')}
          />
        </div>
        <Radios
          name="type"
          legend={ctx.t('podcasts.admin.field.type')}
          value={v.type}
          error={e('type')}
          options={EPISODE_TYPES.map((t) => ({ value: t, label: ctx.t(`podcasts.episodeType.${t}`) }))}
        />
        <Radios
          name="access"
          legend={ctx.t('podcasts.admin.field.access')}
          value={v.access}
          error={e('access')}
          options={EPISODE_ACCESS.map((a) => ({ value: a, label: ctx.t(`podcasts.access.${a}`) }))}
        />
        <TextArea
          name="chapters"
          label={ctx.t('podcasts.admin.field.chapters')}
          hint={ctx.t('podcasts.admin.hint.chapters')}
          value={v.chapters}
          rows={6}
          error={e('chapters')}
        />
        <button type="submit">{ctx.t('podcasts.admin.save')}</button>
      </Form>
    </section>
  );
}

function TranscriptSection(props: EpisodeEditorProps) {
  const { ctx, episode, failed } = props;
  return (
    <section aria-labelledby="h-transcript" class="panel">
      <h2 id="h-transcript">{ctx.t('podcasts.admin.transcript')}</h2>
      <p class={episode.transcript_key ? undefined : 'muted'}>
        {episode.transcript_key
          ? ctx.t('podcasts.admin.transcriptIs', {
              type: episode.transcript_type === 'text/vtt' ? 'WebVTT' : 'SRT',
            })
          : ctx.t('podcasts.admin.noTranscript')}
      </p>
      <UploadForm ctx={ctx} action={`${base(props)}/transcript`} maxBytes={TRANSCRIPT_MAX_BYTES} idPrefix="transcript">
        <FileField
          name="transcript"
          label={ctx.t('podcasts.admin.field.transcript')}
          accept=".vtt,.srt,text/vtt"
          hint={ctx.t('podcasts.admin.hint.transcript', { size: formatFileSize(TRANSCRIPT_MAX_BYTES, ctx.locale) })}
          error={errorOf(ctx, failed, 'transcript', 'transcript')}
        />
        <button type="submit">{ctx.t('podcasts.admin.upload')}</button>
      </UploadForm>
    </section>
  );
}

/** Before a draft is deleted: what goes with it, and the button. */
export function EpisodeDeletePage({ ctx, show, episode }: Pick<EpisodeEditorProps, 'ctx' | 'show' | 'episode'>) {
  const path = `/admin/podcasts/${show.product_id}/episodes/${episode.id}`;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('podcasts.admin.deleteTitle', { title: episode.title })}>
      <p>{ctx.t('podcasts.admin.deleteWarning')}</p>
      <Form ctx={ctx} action={`${path}/delete`} idPrefix="delete">
        <button type="submit" class="danger">
          {ctx.t('podcasts.admin.deleteConfirm')}
        </button>
      </Form>
      <p>
        <a href={path}>{ctx.t('podcasts.admin.cancel')}</a>
      </p>
    </AdminLayout>
  );
}
