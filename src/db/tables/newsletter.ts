import type { Generated, Selectable } from 'kysely';

/** Posts, their images, and the newsletter sends with one delivery row per recipient. */

/** Who may read a post: maps onto memberships/access.ts `Audience` (tier_ids for 'tiers'). */
export type PostVisibility = 'public' | 'members' | 'paid' | 'tiers';
/** 'scheduled': published (and emailed) by a job at publish_at. */
export type PostStatus = 'draft' | 'scheduled' | 'published';

export interface PostsTable {
  id: string;
  /** UNIQUE; the public address /posts/<slug>. */
  slug: string;
  title: string;
  /** The teaser: shown in the archive, the feed and to readers without access. */
  excerpt: Generated<string>;
  body_md: Generated<string>;
  visibility: PostVisibility;
  /** JSON array of tier ids (visibility 'tiers'). */
  tier_ids: Generated<string>;
  /** 1: emailed to the audience when published. */
  send_email: Generated<number>;
  status: PostStatus;
  publish_at: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostImagesTable {
  id: string;
  post_id: string;
  /** `post-images/<uuid>`: a WebP re-encoded from the upload. */
  storage_key: string;
  size_bytes: number;
  created_at: string;
}

/** 'fanning-out': recipient rows are being written; 'sending': batches run; 'done': nothing queued. */
export type PostSendStatus = 'fanning-out' | 'sending' | 'done';

/** One per post (UNIQUE post_id): publishing twice never sends twice. */
export interface PostSendsTable {
  id: string;
  post_id: string;
  /** JSON of the Audience the recipients were chosen for (fixed at publish time). */
  audience: string;
  status: PostSendStatus;
  /** The last member id the fan-out has written rows for (keyset position; resumes after a crash). */
  fanout_cursor: string | null;
  batches: Generated<number>;
  recipients: Generated<number>;
  created_at: string;
  fanned_out_at: string | null;
  finished_at: string | null;
}

/**
 * 'sending': claimed by a batch run (claim = its token) and handed to SMTP;
 * 'unknown': found 'sending' after a crash — maybe delivered, so never sent
 * again (at most once); 'failed': gave up (or unsubscribed meanwhile);
 * 'bounced': the server refused the address permanently.
 */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'unknown';

/** PRIMARY KEY (post_id, member_id): one row, so one email, per post and member. */
export interface PostDeliveriesTable {
  post_id: string;
  member_id: string;
  batch: number;
  status: DeliveryStatus;
  claim: string | null;
  attempts: Generated<number>;
  error: string | null;
  updated_at: string;
  sent_at: string | null;
}

export type Post = Selectable<PostsTable>;
export type PostSend = Selectable<PostSendsTable>;
export type PostDelivery = Selectable<PostDeliveriesTable>;
