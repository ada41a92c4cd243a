import { constants, crc32, deflateRawSync } from 'node:zlib';
import { memoize } from '../domain/memo.js';

/**
 * A page kept as pieces with per-request slots (page-cache.ts), sent gzip-compressed without
 * compressing per request: each fixed piece is deflated once, ending on a full flush (byte-aligned,
 * no reference back past its start), and a slot's bytes go between them as a stored (uncompressed)
 * deflate block (RFC 1951 §3.2.4, RFC 1952). The trailer's CRC-32 runs over the whole page per
 * request with zlib's native crc32 (microseconds for a page; no CRC arithmetic of our own).
 */
export type GzipPiece = { deflated: Buffer; plain: Buffer };

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block: stored, empty, marked final. */
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);
/** The fixed piece, deflated once. */
export function gzipPiece(piece: Buffer): GzipPiece {
  return { deflated: deflateRawSync(piece, { level: 9, finishFlush: constants.Z_FULL_FLUSH }), plain: piece };
}

/** A slot's bytes as stored blocks (at most 65,535 bytes each; none for no bytes). */
function stored(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 65_535) {
    const part = bytes.subarray(at, at + 65_535);
    const n = part.length;
    out.push(Buffer.from([0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff]), part);
  }
  return out;
}

/** The gzip member of the pieces in order: fixed ones prepared by `gzipPiece`, slots' bytes as given. */
export function gzipOf(pieces: readonly (GzipPiece | Buffer)[]): Buffer {
  const parts: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  for (const p of pieces) {
    if (Buffer.isBuffer(p)) {
      parts.push(...stored(p));
      crc = crc32(p, crc);
      length += p.length;
    } else {
      parts.push(p.deflated);
      crc = crc32(p.plain, crc);
      length += p.plain.length;
    }
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  parts.push(LAST_BLOCK, trailer);
  return Buffer.concat(parts);
}

/** True when an Accept-Encoding header takes gzip (not refused by q=0). */
export const acceptsGzip = (header: string | undefined): boolean =>
  header !== undefined && header.length <= 300 && gzipAccepted(header);

const gzipAccepted = memoize(100, (header: string) => {
  for (const part of header.toLowerCase().split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim());
    if (coding !== 'gzip' && coding !== 'x-gzip') continue;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
});
