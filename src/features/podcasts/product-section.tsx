import type { Db, PodcastEpisode } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import type { ProductSection } from '../catalog/product-section.js';
import { showTierIds } from './access.js';
import { publicAudioPath, publicFeedPath, publicTranscriptPath, subscribePath, transcriptExtension } from './links.js';
import { findShow, publishedEpisodes, type ShowRow } from './queries.js';

/**
 * A show's product page: what it is about, its published episodes (the
 * public ones playable when the show has a public feed), the memberships
 * that include it and the public feed. The page is cached for every visitor
 * (it reads only the show's and tiers' tables, which move the content
 * version), so listeners get a link to their subscribe page rather than
 * anything of their own.
 */
export const podcastProductSection: ProductSection = async (db, product, ctx) => {
  if (product.kind !== 'podcast') return null;
  const show = await findShow(db, product.id);
  if (!show) return null;
  const [episodes, tiers] = await Promise.all([publishedEpisodes(db, show.product_id), tiersOf(db, show)]);
  const t = ctx.t;
  const publicFeed = show.public_feed === 1;
  return (
    <section class="podcast-show" aria-labelledby="h-podcast-episodes">
      {show.description && show.description.trim() !== product.description_md.trim() && (
        <p class="pre-line">{show.description}</p>
      )}
      <h2 id="h-podcast-episodes">{t('podcasts.product.episodes')}</h2>
      {episodes.length === 0 ? (
        <p class="muted">{t('podcasts.product.none')}</p>
      ) : (
        <ul class="podcast-episodes">
          {episodes.map((e) => (
            <EpisodeItem
              ctx={ctx}
              showId={show.product_id}
              episode={e}
              playable={publicFeed && e.access === 'public'}
              language={show.language}
            />
          ))}
        </ul>
      )}
      {tiers.length > 0 && (
        <p>
          {t('podcasts.product.tiers')} {tiers.map((tier) => tier.name).join(', ')}.{' '}
          <a href="/membership">{t('podcasts.product.membership')}</a>
        </p>
      )}
      {publicFeed && (
        <p>
          {t('podcasts.product.publicFeed')}{' '}
          <a href={publicFeedPath(show.product_id)}>{publicFeedPath(show.product_id)}</a>
        </p>
      )}
      <p>
        <a href={subscribePath(show.product_id)}>{t('podcasts.product.listener')}</a>
      </p>
    </section>
  );
};

function EpisodeItem({
  ctx,
  showId,
  episode,
  playable,
  language,
}: {
  ctx: PageContext;
  showId: string;
  language: string;
  episode: PodcastEpisode;
  playable: boolean;
}) {
  return (
    <li>
      <strong>{episode.title}</strong>
      {episode.episode_type !== 'full' && (
        <>
          {' '}
          <span class="badge">{ctx.t(`podcasts.episodeType.${episode.episode_type}`)}</span>
        </>
      )}
      <br />
      <span class="muted">
        {episode.published_at && (
          <time datetime={episode.published_at}>{formatDay(episode.published_at, ctx.locale, ctx.timeZone)}</time>
        )}
        {episode.duration_seconds !== null && ` · ${formatDuration(episode.duration_seconds)}`}
      </span>
      {episode.summary && <p>{episode.summary}</p>}
      {playable && episode.audio_key && (
        // biome-ignore lint/a11y/useMediaCaption: the transcript is the caption track when the creator uploaded one as WebVTT
        <audio
          controls
          preload="none"
          src={publicAudioPath(showId, episode)}
          aria-label={ctx.t('podcasts.product.listen', { title: episode.title })}
        >
          {episode.transcript_key && transcriptExtension(episode.transcript_type) === 'vtt' && (
            <track kind="captions" src={publicTranscriptPath(showId, episode)} srclang={language} default />
          )}
        </audio>
      )}
    </li>
  );
}

/** The active tiers the show lists, in the membership page's order. */
async function tiersOf(db: Db, show: ShowRow) {
  const ids = showTierIds(show);
  if (ids.length === 0) return [];
  return db
    .selectFrom('membership_tiers')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('active', '=', 1)
    .orderBy('position')
    .execute();
}

/** The day on the store's clock ("7 Dec 2026", "07.12.2026"). */
export function formatDay(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone }).format(
    new Date(iso),
  );
}

/** "4:05" or "1:02:03", as podcast apps show a length. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
