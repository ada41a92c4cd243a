import type { Generated, Selectable } from 'kysely';

/** Course videos: uploaded in chunks, transcoded to encrypted HLS, served only to students with access. */

export type VideoStatus = 'uploading' | 'queued' | 'transcoding' | 'ready' | 'failed' | 'removed';

export interface CourseVideosTable {
  id: string;
  product_id: string;
  /** The uploaded file's name, shown to the admin only. */
  file_name: string;
  /** The whole uploaded file, once assembled from its chunks. */
  source_key: string | null;
  source_bytes: Generated<number>;
  status: VideoStatus;
  /** Transcoding progress, 0–100. */
  progress: Generated<number>;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  poster_key: string | null;
  /** Storage prefix of the current transcoding's segments (`course-videos/<video>/<run>`). */
  hls_prefix: string | null;
  /** The AES-128 key of the segments, 32 hex digits; served only after the access check. */
  aes_key: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** One HLS rendition; the playlist text names its segments relative to itself (`<id>.ts`, key `../key`). */
export interface CourseVideoRenditionsTable {
  video_id: string;
  /** '360p', '720p', …: also the path part of its URLs and storage keys. */
  name: string;
  width: number;
  height: number;
  bandwidth: number;
  playlist: string;
}

export interface CourseVideoCaptionsTable {
  video_id: string;
  /** BCP 47 language tag, e.g. 'de', 'en'. */
  lang: string;
  storage_key: string;
  created_at: string;
}

/** A resumable upload: each received chunk is its own storage object until the job assembles them. */
export interface CourseVideoUploadsTable {
  id: string;
  video_id: string;
  total_bytes: number;
  received_bytes: Generated<number>;
  /** JSON array of the chunks' storage keys, in order. */
  chunk_keys: Generated<string>;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export type CourseVideo = Selectable<CourseVideosTable>;
export type CourseVideoRendition = Selectable<CourseVideoRenditionsTable>;
export type CourseVideoCaption = Selectable<CourseVideoCaptionsTable>;
export type CourseVideoUpload = Selectable<CourseVideoUploadsTable>;
