import type { Generated, Selectable } from 'kysely';

/**
 * Podcasts: a show is a product of kind 'podcast' (sold as a one-off series
 * when it has a price, counted under that product in analytics) with
 * episodes, one private feed per (show, listener address), the purchases that
 * give a buyer access, and what enclosure downloads reveal (counts, and the
 * networks and apps a feed is heard from, for sharing alerts).
 */

/** 'public': in the public feed and every private one; 'listeners': members of the show's tiers and buyers only. */
export type EpisodeAccess = 'public' | 'listeners';

/** 'scheduled': publishes itself at `publish_at` (a job). */
export type EpisodeStatus = 'draft' | 'scheduled' | 'published';

/** Apple's episode types: a trailer promotes the show, a bonus sits beside the numbered episodes. */
export type EpisodeType = 'full' | 'trailer' | 'bonus';

export interface PodcastShowsTable {
  /** The product (kind 'podcast') this show is sold as; also the show's id. Its title is the show's title. */
  product_id: string;
  /** Plain text, as podcast apps show it (up to 4,000 characters). */
  description: Generated<string>;
  /** itunes:author. */
  author: Generated<string>;
  /** BCP 47 language of the show ('de', 'en', 'de-AT'). */
  language: Generated<string>;
  /** Apple Podcasts category and optional subcategory, exactly as Apple spells them ('Arts', 'Design'). */
  category: Generated<string>;
  subcategory: string | null;
  explicit: Generated<number>;
  /** Square JPEG at 3000 px (or the upload's size, at least 1400 px), and a 600 px copy for pages; null until uploaded. */
  artwork_key: string | null;
  artwork_small_key: string | null;
  /** JSON array of membership tier ids whose members hear the show. */
  tier_ids: Generated<string>;
  /** 1: a public feed (`/podcasts/<show>/feed.xml`) lists the public episodes (trailers). */
  public_feed: Generated<number>;
  /** Distinct /24 (IPv4) or /48 (IPv6) networks a feed's downloads may come from in 7 days before the creator is alerted. */
  sharing_networks_threshold: Generated<number>;
  /** Moves on with every change a feed shows (show, episodes, publication): feeds' ETag and Last-Modified. */
  feed_version: Generated<number>;
  feed_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface PodcastEpisodesTable {
  id: string;
  show_id: string;
  /** The item's guid: never changes, so apps never list an episode twice. */
  guid: string;
  title: string;
  /** Plain-text summary (itunes:summary / the app's list). */
  summary: Generated<string>;
  /** Show notes in Markdown, rendered sanitised into content:encoded. */
  notes_md: Generated<string>;
  season: number | null;
  episode_number: number | null;
  episode_type: Generated<EpisodeType>;
  access: Generated<EpisodeAccess>;
  status: Generated<EpisodeStatus>;
  /** Scheduled: when it publishes (UTC; entered on the store's clock). */
  publish_at: string | null;
  published_at: string | null;
  audio_key: string | null;
  audio_size: number | null;
  audio_type: string | null;
  audio_sha256: string | null;
  /** Read with ffprobe after upload (a job); null until then. */
  duration_seconds: number | null;
  /** JSON array of { start: seconds, title } (Podcasting 2.0 JSON chapters are made from it). */
  chapters: Generated<string>;
  /** WebVTT or SRT, served as podcast:transcript. */
  transcript_key: string | null;
  transcript_type: string | null;
  created_at: string;
  updated_at: string;
}

export type PodcastFeedStatus = 'active' | 'suspended';

/**
 * One private feed per (show, address). The token is derived (HMAC of id and
 * generation), so the library can show it again; only its SHA-256 is stored
 * for the look-up. Rotating raises the generation: the old URL stops at once.
 */
export interface PodcastFeedsTable {
  id: string;
  show_id: string;
  email: string;
  generation: Generated<number>;
  token_hash: string;
  status: Generated<PodcastFeedStatus>;
  created_at: string;
  rotated_at: string | null;
  /** When the status last changed (a suspension shows in the feed's Last-Modified). */
  status_changed_at: string | null;
}

/** A one-off purchase of a show (the `podcast` entitlement); revoked by a refund or lost dispute. */
export interface PodcastPurchasesTable {
  id: string;
  show_id: string;
  email: string;
  order_id: string;
  revoked_at: string | null;
  created_at: string;
}

/**
 * One counted download: the first request of an episode's audio (no range or
 * one from byte 0) per listener and UTC day — a private feed is one
 * listener, a public download is one per network and app.
 */
export interface PodcastDownloadsTable {
  episode_id: string;
  listener: string;
  day: string;
  show_id: string;
  feed_id: string | null;
  created_at: string;
}

/** Where a private feed's audio was fetched from: network (/24, /48) and app family, per UTC day. */
export interface PodcastFeedSightingsTable {
  feed_id: string;
  day: string;
  network: string;
  app: string;
}

export type SharingAlertStatus = 'open' | 'ignored' | 'suspended' | 'rotated';

/** A feed heard from more networks in 7 days than the show allows; the creator decides. One open alert per feed. */
export interface PodcastSharingAlertsTable {
  id: string;
  feed_id: string;
  show_id: string;
  networks: number;
  apps: number;
  status: Generated<SharingAlertStatus>;
  created_at: string;
  decided_at: string | null;
}

export type PodcastShow = Selectable<PodcastShowsTable>;
export type PodcastEpisode = Selectable<PodcastEpisodesTable>;
export type PodcastFeed = Selectable<PodcastFeedsTable>;
export type PodcastPurchase = Selectable<PodcastPurchasesTable>;
export type PodcastSharingAlert = Selectable<PodcastSharingAlertsTable>;
