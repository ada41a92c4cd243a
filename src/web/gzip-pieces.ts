import { constants, crc32, deflateRawSync } from 'node:zlib';
import { memoize } from '../domain/memo.js';

/**
 * A page kept as pieces with per-request slots (page-cache.ts), sent gzip-compressed without
 * compressing per request: each fixed piece is deflated once, ending on a full flush (byte-aligned,
 * no reference back past its start), and a slot's bytes go between them as a stored (uncompressed)
 * deflate block. The gzip trailer's CRC-32 combines the fixed pieces' CRCs, computed once, with the
 * slots' (RFC 1951 §3.2.4, RFC 1952; the combination as zlib's crc32_combine).
 */
export type GzipPiece = { deflated: Buffer; length: number; crc: number; shift: number };

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last block: stored, empty, marked final. */
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);
const POLY = 0xedb88320;

/** a(x)·b(x) modulo the CRC-32 polynomial (bit-reflected). */
function multModP(a: number, b: number): number {
  let m = 2 ** 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

const X2N: number[] = [];
for (let n = 0, p = 2 ** 30; n < 32; n++, p = multModP(p, p)) X2N.push(p);

/** x^(8·bytes) modulo the polynomial: what a CRC is multiplied by to move past `bytes` more bytes. */
function shiftFor(bytes: number): number {
  let p = 2 ** 31;
  for (let k = 3; bytes > 0; bytes = Math.floor(bytes / 2), k++) {
    if (bytes & 1) p = multModP(X2N[k & 31] as number, p);
  }
  return p >>> 0;
}

/** The fixed piece, deflated once. */
export function gzipPiece(piece: Buffer): GzipPiece {
  return {
    deflated: deflateRawSync(piece, { level: 9, finishFlush: constants.Z_FULL_FLUSH }),
    length: piece.length,
    crc: crc32(piece),
    shift: shiftFor(piece.length),
  };
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
      crc = (multModP(p.shift, crc) ^ p.crc) >>> 0;
      length += p.length;
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
