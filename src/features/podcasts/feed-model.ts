import type { PodcastEpisode, PodcastFeed } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { renderMarkdown } from '../../web/markdown.js';
import { translator } from '../../web/messages.js';
import { showTierIds } from './access.js';
import { NOTICE_AUDIO, NOTICE_AUDIO_SECONDS, NOTICE_AUDIO_TYPE } from './feed-notice-audio.js';
import { type FeedChannel, type FeedItem, podcastGuid } from './feed-xml.js';
import {
  artworkPath,
  noticeAudioPath,
  privateAudioPath,
  privateChaptersPath,
  privateFeedPath,
  privateTranscriptPath,
  publicAudioPath,
  publicChaptersPath,
  publicFeedPath,
  publicTranscriptPath,
} from './links.js';
import type { ShowRow } from './queries.js';

/**
 * What a feed shows, as data for `renderFeedXml`: the channel and its items
 * for one view — the public feed, or a private feed whose listener hears the
 * show, whose access ended, or that the creator paused. Notices (welcome,
 * ended, paused) are items too, in the show's language.
 */

export type PrivateState = 'listener' | 'ended' | 'suspended';

export type FeedView =
  | { kind: 'public' }
  | {
      kind: 'private';
      feed: Pick<PodcastFeed, 'id' | 'created_at' | 'status_changed_at'>;
      token: string;
      state: PrivateState;
      listenerName: string;
      endedAt: string | null;
    };

export type FeedStore = { name: string; email: string | null; locale: Locale };

export type FeedModelInput = {
  show: ShowRow;
  /** Published episodes the viewer may hear, newest first. */
  episodes: readonly PodcastEpisode[];
  view: FeedView;
  /** The public base URL, without a trailing slash. */
  base: string;
  store: FeedStore;
};

/** German or English by the show's language; any other language reads the store's. */
export function feedLocale(showLanguage: string, storeLocale: Locale): Locale {
  const lang = showLanguage.toLowerCase();
  if (lang.startsWith('de')) return 'de';
  if (lang.startsWith('en')) return 'en';
  return storeLocale;
}

export function buildFeedModel(input: FeedModelInput): { channel: FeedChannel; items: FeedItem[] } {
  const { show, view, base, store } = input;
  const t = translator(feedLocale(show.language, store.locale));
  const isPrivate = view.kind === 'private';
  const title = isPrivate ? t('podcasts.feed.titleFor', { show: show.title, listener: view.listenerName }) : show.title;
  const channel: FeedChannel = {
    title,
    link: `${base}/p/${show.slug}`,
    description: show.description || show.summary || show.title,
    language: show.language,
    author: show.author || store.name,
    imageUrl: show.artwork_key ? `${base}${artworkPath(show.product_id, show.artwork_key)}` : null,
    category: show.category,
    subcategory: show.subcategory,
    explicit: show.explicit === 1,
    selfUrl: `${base}${isPrivate ? privateFeedPath(show.product_id, view.token) : publicFeedPath(show.product_id)}`,
    guid: podcastGuid(`${base}${publicFeedPath(show.product_id)}`),
    ownerEmail: store.email,
    ownerName: show.author || store.name,
    private: isPrivate,
  };
  if (view.kind === 'private' && view.state !== 'listener') return { channel, items: [noticeItem(input, view, t)] };
  const items = input.episodes.filter(hasAudio).map((ep) => episodeItem(input, ep));
  if (view.kind === 'private' && items.length === 0) return { channel, items: [noticeItem(input, view, t)] };
  return { channel, items };
}

type Playable = PodcastEpisode & { audio_key: string; audio_size: number };

function hasAudio(ep: PodcastEpisode): ep is Playable {
  return ep.audio_key !== null && ep.audio_size !== null;
}

function episodeItem(input: FeedModelInput, ep: Playable): FeedItem {
  const { show, view, base } = input;
  const id = show.product_id;
  const token = view.kind === 'private' ? view.token : null;
  const chapters = parseChapters(ep.chapters);
  return {
    title: ep.title,
    guid: ep.guid,
    pubDate: new Date(ep.published_at ?? ep.updated_at),
    summary: ep.summary,
    notesHtml: ep.notes_md.trim() ? renderMarkdown(ep.notes_md) : '',
    enclosure: {
      url: base + (token ? privateAudioPath(id, token, ep) : publicAudioPath(id, ep)),
      length: ep.audio_size,
      type: ep.audio_type ?? 'audio/mpeg',
    },
    durationSeconds: ep.duration_seconds,
    episode: ep.episode_number,
    season: ep.season,
    episodeType: ep.episode_type,
    explicit: show.explicit === 1,
    chaptersUrl:
      chapters.length > 0 ? base + (token ? privateChaptersPath(id, token, ep) : publicChaptersPath(id, ep)) : null,
    transcript: ep.transcript_key
      ? {
          url: base + (token ? privateTranscriptPath(id, token, ep) : publicTranscriptPath(id, ep)),
          type: ep.transcript_type === 'application/x-subrip' ? 'application/x-subrip' : 'text/vtt',
        }
      : null,
  };
}

type Translate = ReturnType<typeof translator>;

/** The one item of a feed that has nothing to play: its guid changes with each new ending or pause, so apps show it again. */
function noticeItem(input: FeedModelInput, view: Extract<FeedView, { kind: 'private' }>, t: Translate): FeedItem {
  const { show, base } = input;
  const notice = noticeText(input, view, t);
  return {
    title: notice.title,
    guid: `${view.feed.id}:${view.state}:${notice.since}`,
    pubDate: new Date(notice.since),
    summary: notice.body,
    notesHtml: '',
    enclosure: {
      url: `${base}${noticeAudioPath(show.product_id)}`,
      length: NOTICE_AUDIO.length,
      type: NOTICE_AUDIO_TYPE,
    },
    durationSeconds: NOTICE_AUDIO_SECONDS,
    episode: null,
    season: null,
    episodeType: 'bonus',
    explicit: false,
    chaptersUrl: null,
    transcript: null,
  };
}

function noticeText(input: FeedModelInput, view: Extract<FeedView, { kind: 'private' }>, t: Translate) {
  const { show, base, store } = input;
  if (view.state === 'suspended') {
    return {
      title: t('podcasts.feed.suspended.title'),
      body: t('podcasts.feed.suspended.body', { store: store.name, show: show.title, contact: store.email ?? base }),
      since: view.feed.status_changed_at ?? view.feed.created_at,
    };
  }
  if (view.state === 'ended') {
    const url = showTierIds(show).length > 0 ? `${base}/membership` : `${base}/p/${show.slug}`;
    return {
      title: t('podcasts.feed.ended.title'),
      body: t('podcasts.feed.ended.body', { show: show.title, url }),
      since: view.endedAt ?? view.feed.created_at,
    };
  }
  return {
    title: t('podcasts.feed.welcome.title', { show: show.title }),
    body: t('podcasts.feed.welcome.body', { show: show.title }),
    since: view.feed.created_at,
  };
}

export type Chapter = { start: number; title: string };

export function parseChapters(json: string): Chapter[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (c): c is Chapter =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as Chapter).start === 'number' &&
        Number.isFinite((c as Chapter).start) &&
        typeof (c as Chapter).title === 'string',
    );
  } catch {
    return [];
  }
}

/** Podcasting 2.0 JSON chapters. */
export function chaptersJson(chapters: readonly Chapter[]) {
  return { version: '1.2.0', chapters: chapters.map((c) => ({ startTime: c.start, title: c.title })) };
}
