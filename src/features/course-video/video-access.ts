import type { Db } from '../../db/schema.js';
import type { Services } from '../../services.js';
import { readSession } from '../auth/sessions.js';
import { lessonGate } from '../courses/access.js';
import { findServableVideo } from './queries.js';
import { checkVideoToken } from './video-token.js';

export type ServableVideo = NonNullable<Awaited<ReturnType<typeof findServableVideo>>> & { hls_prefix: string };

export type VideoAccess = { kind: 'ok'; video: ServableVideo } | { kind: 'denied' } | { kind: 'not-found' };

/**
 * Every request for a video's playlists, segments, key, captions or poster:
 * the token must be genuine and unexpired, and the viewer it names must
 * still have the lesson open now (a refund or an ended membership closes it
 * at once, whatever the token says). An admin's token also needs the admin
 * session that made it.
 */
export async function videoAccess(
  services: Services,
  opts: { videoId: string; token: string; adminCookie: string | undefined; now?: Date },
): Promise<VideoAccess> {
  const now = opts.now ?? new Date();
  const check = checkVideoToken(services.config.sessionSecret, opts.videoId, opts.token, now.getTime());
  if (!check.ok) return { kind: 'denied' };
  const { db } = services.database;
  const { grant } = check;
  if (grant.admin && !(await readSession(db, opts.adminCookie))?.verified) return { kind: 'denied' };
  const email = grant.enrolmentId ? await enrolmentEmail(db, grant.enrolmentId) : null;
  if (grant.enrolmentId && !email) return { kind: 'denied' };
  const [gate, video] = await Promise.all([
    lessonGate(db, grant.lessonId, { email, admin: grant.admin }, now),
    findServableVideo(db, opts.videoId),
  ]);
  if (gate.state !== 'open') return { kind: 'denied' };
  if (video?.status !== 'ready' || !video.hls_prefix) return { kind: 'not-found' };
  return { kind: 'ok', video: { ...video, hls_prefix: video.hls_prefix } };
}

async function enrolmentEmail(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('course_enrolments').select('email').where('id', '=', id).executeTakeFirst();
  return row?.email ?? null;
}

/** The master playlist: one entry per rendition, relative to it. */
export function masterPlaylist(
  renditions: { name: string; width: number; height: number; bandwidth: number }[],
): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  for (const r of renditions) {
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},RESOLUTION=${r.width}x${r.height}`, `${r.name}/index.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}
