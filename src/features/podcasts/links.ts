import type { PodcastEpisode } from '../../db/schema.js';

/**
 * Every podcast URL in one place. Private: under the feed's token, so an app
 * needs nothing else (`/feeds/<show>/<token>`, its audio, chapters and
 * transcripts). Public: the public feed and its public episodes. Audio URLs
 * end in the file's extension, as Apple requires.
 */

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac',
};

export function audioExtension(type: string | null): string {
  return (type && EXTENSIONS[type]) || 'mp3';
}

export function transcriptExtension(type: string | null): 'vtt' | 'srt' {
  return type === 'application/x-subrip' || type === 'application/srt' ? 'srt' : 'vtt';
}

type Ep = Pick<PodcastEpisode, 'id' | 'audio_type' | 'transcript_type'>;

export const privateFeedPath = (showId: string, token: string) => `/feeds/${showId}/${token}`;
export const privateAudioPath = (showId: string, token: string, ep: Ep) =>
  `/feeds/${showId}/${token}/${ep.id}.${audioExtension(ep.audio_type)}`;
export const privateChaptersPath = (showId: string, token: string, ep: Pick<Ep, 'id'>) =>
  `/feeds/${showId}/${token}/${ep.id}/chapters.json`;
export const privateTranscriptPath = (showId: string, token: string, ep: Ep) =>
  `/feeds/${showId}/${token}/${ep.id}/transcript.${transcriptExtension(ep.transcript_type)}`;

export const publicFeedPath = (showId: string) => `/podcasts/${showId}/feed.xml`;
export const publicAudioPath = (showId: string, ep: Ep) =>
  `/podcasts/${showId}/${ep.id}.${audioExtension(ep.audio_type)}`;
export const publicChaptersPath = (showId: string, ep: Pick<Ep, 'id'>) => `/podcasts/${showId}/${ep.id}/chapters.json`;
export const publicTranscriptPath = (showId: string, ep: Ep) =>
  `/podcasts/${showId}/${ep.id}/transcript.${transcriptExtension(ep.transcript_type)}`;
/**
 * Artwork is not secret. Each upload has its own storage key, whose last part
 * names the file, so apps and browsers may cache it for good.
 */
export const artworkPath = (showId: string, storageKey: string) =>
  `/podcasts/${showId}/artwork/${storageKey.split('/').pop() ?? ''}.jpg`;

/**
 * A second of silence as the enclosure of the feeds' notices (welcome, ended,
 * paused): apps drop items without one (see feed-notice-audio.ts).
 */
export const noticeAudioPath = (showId: string) => `/podcasts/${showId}/notice.mp3`;

/** The library's subscribe page for a show. */
export const subscribePath = (showId: string) => `/library/podcasts/${showId}`;
