import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { assetUrl } from '../../web/assets.js';
import type { PageContext } from '../../web/context.js';
import { listCaptions } from './queries.js';
import { TOKEN_HOURS, videoBase } from './video-token.js';

export type LessonVideo =
  | {
      state: 'ready';
      videoId: string;
      masterUrl: string;
      posterUrl: string | undefined;
      captions: { lang: string; url: string }[];
      durationSeconds: number;
    }
  /** Uploaded but not transcoded yet (or transcoding failed): the page says it is being prepared. */
  | { state: 'processing' };

/**
 * The video of a lesson the viewer may open (the caller has checked the lesson
 * gate), with fresh signed URLs for this page view. Undefined: no video.
 */
export async function loadLessonVideo(
  services: Pick<Services, 'database' | 'config'>,
  lesson: { id: string; video_id: string | null },
  /** Who watches: the lesson gate's `enrolmentId` (null for a free preview or the admin's preview). */
  viewer: { enrolmentId: string | null; admin: boolean },
  now: Date = new Date(),
): Promise<LessonVideo | undefined> {
  if (!lesson.video_id) return undefined;
  const db: Db = services.database.db;
  const video = await db
    .selectFrom('course_videos')
    .select(['id', 'status', 'poster_key', 'duration_ms'])
    .where('id', '=', lesson.video_id)
    .executeTakeFirst();
  if (!video || video.status === 'removed') return undefined;
  if (video.status !== 'ready') return { state: 'processing' };
  const expiresAt = Math.floor(now.getTime() / 1000) + TOKEN_HOURS * 3600;
  const base = videoBase(services.config.sessionSecret, {
    videoId: video.id,
    lessonId: lesson.id,
    ...viewer,
    expiresAt,
  });
  const captions = await listCaptions(db, video.id);
  return {
    state: 'ready',
    videoId: video.id,
    masterUrl: `${base}/master.m3u8`,
    posterUrl: video.poster_key ? `${base}/poster.jpg` : undefined,
    captions: captions.map((c) => ({ lang: c.lang, url: `${base}/captions/${c.lang}.vtt` })),
    durationSeconds: Math.round((video.duration_ms ?? 0) / 1000),
  };
}

const SPEEDS = ['0.75', '1', '1.25', '1.5', '1.75', '2'];

function languageName(lang: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(lang) ?? lang;
}

export type LessonVideoPlayerProps = {
  ctx: PageContext;
  video: LessonVideo;
  /** The lesson's title, for the player's accessible name. */
  title: string;
  /** Where to resume, in seconds. */
  startAt?: number;
  /** The progress endpoint (POST JSON); without it nothing is reported. */
  progressUrl?: string;
};

/**
 * The lesson's player: a native <video> (Safari plays HLS itself; elsewhere
 * course-video-player.js attaches hls.js), captions, a speed choice, resume
 * and progress reports. All texts reach the script through data attributes.
 */
export function LessonVideoPlayer({ ctx, video, title, startAt, progressUrl }: LessonVideoPlayerProps) {
  if (video.state !== 'ready') {
    return (
      <p class="lesson-video-processing" role="status">
        {ctx.t('courseVideo.player.processing')}
      </p>
    );
  }
  const speedId = `lv-speed-${video.videoId}`;
  return (
    <figure class="lesson-video">
      {/* biome-ignore lint/a11y/useMediaCaption: a track per uploaded captions file; a video may have none yet */}
      <video
        class="lesson-video-media"
        controls
        playsinline
        preload="metadata"
        poster={video.posterUrl}
        aria-label={ctx.t('courseVideo.player.label', { title })}
        data-hls-src={video.masterUrl}
        data-start-at={String(Math.max(0, Math.floor(startAt ?? 0)))}
        data-progress-url={progressUrl}
        data-csrf={progressUrl ? ctx.csrfToken : undefined}
        data-speed-select={speedId}
        data-error-text={ctx.t('courseVideo.player.error')}
        data-unsupported-text={ctx.t('courseVideo.player.unsupported')}
      >
        <source src={video.masterUrl} type="application/vnd.apple.mpegurl" />
        {video.captions.map((c, i) => (
          <track
            kind="captions"
            src={c.url}
            srclang={c.lang}
            label={languageName(c.lang, ctx.locale)}
            default={i === 0 && c.lang === ctx.locale}
          />
        ))}
      </video>
      <p class="lesson-video-controls">
        <label for={speedId}>{ctx.t('courseVideo.player.speed')}</label>{' '}
        <select id={speedId} class="lesson-video-speed">
          {SPEEDS.map((s) => (
            <option value={s} selected={s === '1'}>{`${s.replace('.', ctx.locale === 'de' ? ',' : '.')}×`}</option>
          ))}
        </select>
      </p>
      <p class="lesson-video-error" role="alert" hidden />
      <script src="/assets/vendor/hls.light.min.js" defer />
      <script src={assetUrl('course-video-player.js')} defer />
    </figure>
  );
}
