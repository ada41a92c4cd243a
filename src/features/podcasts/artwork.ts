import { Readable } from 'node:stream';
import { loadSharp } from '../catalog/cover-image.js';
import type { Storage } from '../storage/storage.js';

/**
 * Show artwork as Apple requires it: square, at least 1400 px, JPEG or PNG in
 * sRGB. Checked by content (never by file name); stored as an sRGB JPEG
 * without alpha at up to 3000 px, plus a 600 px copy for pages.
 */

export const ARTWORK_MAX_BYTES = 20 * 1024 * 1024;
export const ARTWORK_MIN_SIDE = 1400;
const ARTWORK_MAX_SIDE = 3000;
const SMALL_SIDE = 600;
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export type StoreArtworkResult =
  | { ok: true; artworkKey: string; smallKey: string }
  | { ok: false; error: 'not-image' | 'too-small' | 'not-square' };

export async function storeArtwork(storage: Storage, input: Buffer): Promise<StoreArtworkResult> {
  const sharp = await loadSharp();
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, { limitInputPixels: 100_000_000 }).metadata();
    if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) return notImage;
    // An upright picture's sides: EXIF orientations 5–8 swap them.
    const swapped = (meta.orientation ?? 1) >= 5;
    width = swapped ? meta.height : meta.width;
    height = swapped ? meta.width : meta.height;
  } catch {
    return notImage;
  }
  if (Math.abs(width - height) > 1) return { ok: false, error: 'not-square' };
  if (Math.min(width, height) < ARTWORK_MIN_SIDE) return { ok: false, error: 'too-small' };

  const side = Math.min(width, height, ARTWORK_MAX_SIDE);
  const jpeg = (size: number) =>
    sharp(input, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(size, size, { fit: 'cover' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 88, mozjpeg: true })
      .toBuffer();
  const [large, small] = await Promise.all([jpeg(side), jpeg(SMALL_SIDE)]);
  const artwork = await storage.put(Readable.from([large]), { prefix: 'podcast-artwork' });
  try {
    const copy = await storage.put(Readable.from([small]), { prefix: 'podcast-artwork' });
    return { ok: true, artworkKey: artwork.key, smallKey: copy.key };
  } catch (err) {
    await storage.delete(artwork.key);
    throw err;
  }
}

const notImage = { ok: false, error: 'not-image' } as const;
