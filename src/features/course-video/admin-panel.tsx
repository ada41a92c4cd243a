import type { CourseVideo, Db } from '../../db/schema.js';
import { assetUrl } from '../../web/assets.js';
import { Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import { CAPTION_LANGS } from './captions.js';
import { listCaptions } from './queries.js';

export type LessonVideoAdminData = {
  lessonId: string;
  video:
    | (Pick<
        CourseVideo,
        'id' | 'status' | 'progress' | 'error' | 'file_name' | 'width' | 'height' | 'duration_ms' | 'source_bytes'
      > & { captions: string[] })
    | undefined;
};

/** What the admin's lesson page shows of the lesson's video. */
export async function loadLessonVideoAdmin(db: Db, lessonId: string): Promise<LessonVideoAdminData> {
  const video = await db
    .selectFrom('course_lessons')
    .innerJoin('course_videos', 'course_videos.id', 'course_lessons.video_id')
    .select([
      'course_videos.id',
      'course_videos.status',
      'progress',
      'error',
      'file_name',
      'width',
      'height',
      'duration_ms',
      'source_bytes',
    ])
    .where('course_lessons.id', '=', lessonId)
    .where('course_videos.status', '!=', 'removed')
    .executeTakeFirst();
  if (!video) return { lessonId, video: undefined };
  const captions = (await listCaptions(db, video.id)).map((c) => c.lang);
  return { lessonId, video: { ...video, captions } };
}

function duration(ms: number | null): string {
  const s = Math.round((ms ?? 0) / 1000);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return (hms[0] ? hms : hms.slice(1)).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join(':');
}

function Status({ ctx, video }: { ctx: PageContext; video: NonNullable<LessonVideoAdminData['video']> }) {
  const busy = video.status === 'queued' || video.status === 'transcoding';
  return (
    <div
      class="video-status"
      data-status-url={busy ? `/admin/courses/videos/${video.id}/status` : undefined}
      data-progress-text={ctx.t('courseVideo.admin.progress')}
    >
      <p>
        <strong>{video.file_name}</strong> ·{' '}
        <span class="video-status-text" aria-live="polite">
          {ctx.t(`courseVideo.status.${video.status}`)}
        </span>
      </p>
      {busy && (
        <progress
          max={100}
          value={video.progress}
          aria-label={ctx.t('courseVideo.admin.progress', { percent: video.progress })}
        />
      )}
      {video.status === 'ready' && (
        <p class="hint">
          {ctx.t('courseVideo.admin.details', {
            width: video.width ?? 0,
            height: video.height ?? 0,
            duration: duration(video.duration_ms),
            size: formatFileSize(video.source_bytes, ctx.locale),
          })}
        </p>
      )}
      {video.status === 'failed' && (
        <p class="alert alert-error" role="alert">
          {ctx.t('courseVideo.admin.failed', { error: video.error ?? '' })} {ctx.t('courseVideo.admin.failedHint')}
        </p>
      )}
    </div>
  );
}

function UploadForm({
  ctx,
  lessonId,
  maxBytes,
  replaces,
}: {
  ctx: PageContext;
  lessonId: string;
  maxBytes: number;
  replaces: boolean;
}) {
  return (
    <form
      method="post"
      action="/admin/courses/videos/form-upload"
      enctype="multipart/form-data"
      class="video-upload-form"
      data-start-url="/admin/courses/videos/uploads"
      data-max-bytes={String(maxBytes)}
      data-uploading={ctx.t('courseVideo.admin.uploading')}
      data-resuming={ctx.t('courseVideo.admin.resuming')}
      data-failed={ctx.t('courseVideo.admin.uploadFailed')}
      data-done={ctx.t('courseVideo.admin.uploaded')}
      data-too-large={ctx.t('courseVideo.error.too-large', { max: formatFileSize(maxBytes, ctx.locale) })}
    >
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="lessonId" value={lessonId} />
      <label for="cv-video-file">
        {ctx.t('courseVideo.admin.file', { max: formatFileSize(maxBytes, ctx.locale) })}
      </label>
      <input id="cv-video-file" type="file" name="file" accept="video/*,.mkv" required />
      {replaces && <p class="hint">{ctx.t('courseVideo.admin.replaceHint')}</p>}
      <button type="submit">{ctx.t('courseVideo.admin.upload')}</button>
      <div class="upload-progress" hidden>
        <progress max={100} value={0} aria-labelledby="cv-upload-status" />
        <span id="cv-upload-status" class="upload-status" aria-live="polite" />
      </div>
    </form>
  );
}

function Captions({ ctx, video }: { ctx: PageContext; video: NonNullable<LessonVideoAdminData['video']> }) {
  const names = new Intl.DisplayNames([ctx.locale], { type: 'language' });
  return (
    <div class="video-captions">
      <h3>{ctx.t('courseVideo.admin.captions')}</h3>
      <p>
        {video.captions.length
          ? video.captions.map((l) => names.of(l) ?? l).join(', ')
          : ctx.t('courseVideo.admin.captionsNone')}
      </p>
      <form method="post" action={`/admin/courses/videos/${video.id}/captions`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <label for="cv-captions-lang">{ctx.t('courseVideo.admin.captionsLang')}</label>
        <select id="cv-captions-lang" name="lang">
          {CAPTION_LANGS.map((l) => (
            <option value={l} selected={l === ctx.locale}>
              {names.of(l) ?? l}
            </option>
          ))}
        </select>
        <label for="cv-captions-file">{ctx.t('courseVideo.admin.captionsFile')}</label>
        <input id="cv-captions-file" type="file" name="file" accept=".vtt,text/vtt" required />
        <button type="submit">{ctx.t('courseVideo.admin.captionsUpload')}</button>
      </form>
    </div>
  );
}

/**
 * The video panel of the admin's lesson page: status and transcoding
 * progress, the upload (chunked and resumable with course-video-admin.js, a
 * plain form post without it), captions, removal. Forms post to this feature's routes.
 */
export function LessonVideoAdmin({
  ctx,
  data,
  maxBytes,
}: {
  ctx: PageContext;
  data: LessonVideoAdminData;
  maxBytes: number;
}) {
  const { video } = data;
  return (
    <section class="lesson-video-admin">
      <h2>{ctx.t('courseVideo.admin.title')}</h2>
      {video ? <Status ctx={ctx} video={video} /> : <p>{ctx.t('courseVideo.admin.none')}</p>}
      <UploadForm ctx={ctx} lessonId={data.lessonId} maxBytes={maxBytes} replaces={video !== undefined} />
      {video && <Captions ctx={ctx} video={video} />}
      {video && (
        <Form ctx={ctx} action={`/admin/courses/videos/${video.id}/remove`}>
          <p class="hint">{ctx.t('courseVideo.admin.removeHint')}</p>
          <button type="submit" class="btn-danger">
            {ctx.t('courseVideo.admin.remove')}
          </button>
        </Form>
      )}
      <script src={assetUrl('course-video-admin.js')} defer />
    </section>
  );
}
