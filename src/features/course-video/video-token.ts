import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a video URL: who may watch which lesson's video until when,
 * HMAC-signed. It covers every object of the video (playlists, segments, key,
 * captions, poster) so a player needs one token per page view; the serving
 * routes still re-check the viewer's access on every request.
 *
 * Binary and short (71 characters): a URL path parameter may hold at most 100
 * (Fastify's default), so the viewer is named by enrolment id, not address.
 */
export type VideoGrant = {
  videoId: string;
  lessonId: string;
  /** The student's enrolment; null for a free preview or the admin. */
  enrolmentId: string | null;
  admin: boolean;
  /** Unix seconds. */
  expiresAt: number;
};

/** A fresh token per lesson page view, valid for a few hours (a long lesson, a pause). */
export const TOKEN_HOURS = 6;

const NO_ENROLMENT = '00000000-0000-0000-0000-000000000000';
const PAYLOAD_BYTES = 37;
const MAC_BYTES = 16;

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (b: Buffer) => b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

function mac(secret: string, videoId: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret)
    .update(`course-video:${videoId}:`)
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function videoToken(secret: string, g: VideoGrant): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  uuidBytes(g.lessonId).copy(payload, 0);
  uuidBytes(g.enrolmentId ?? NO_ENROLMENT).copy(payload, 16);
  payload.writeUInt8(g.admin ? 1 : 0, 32);
  payload.writeUInt32BE(g.expiresAt, 33);
  return Buffer.concat([payload, mac(secret, g.videoId, payload)]).toString('base64url');
}

export type TokenCheck = { ok: true; grant: VideoGrant } | { ok: false; reason: 'bad-signature' | 'expired' };

export function checkVideoToken(secret: string, videoId: string, token: string, now = Date.now()): TokenCheck {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== PAYLOAD_BYTES + MAC_BYTES || raw.toString('base64url') !== token) {
    return { ok: false, reason: 'bad-signature' };
  }
  const payload = raw.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(mac(secret, videoId, payload), raw.subarray(PAYLOAD_BYTES))) {
    return { ok: false, reason: 'bad-signature' };
  }
  const enrolmentId = uuidText(payload.subarray(16, 32));
  const grant: VideoGrant = {
    videoId,
    lessonId: uuidText(payload.subarray(0, 16)),
    enrolmentId: enrolmentId === NO_ENROLMENT ? null : enrolmentId,
    admin: payload.readUInt8(32) === 1,
    expiresAt: payload.readUInt32BE(33),
  };
  return grant.expiresAt * 1000 < now ? { ok: false, reason: 'expired' } : { ok: true, grant };
}

/** The URL prefix every object of a video is served under for this grant. */
export function videoBase(secret: string, g: VideoGrant): string {
  return `/v/${g.videoId}/${videoToken(secret, g)}`;
}
