import { Readable } from 'node:stream';
import type Sharp from 'sharp';
import type { Storage } from '../storage/storage.js';

export const COVER_MAX_BYTES = 10 * 1024 * 1024;
export const COVER_WIDTH = 1200;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif']);

let sharpModule: Promise<typeof Sharp> | undefined;
/** sharp (libvips, about 20 MB of memory) is loaded with the first image, not at start. */
export function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/** The image format read from the bytes themselves (never from a file name), if it is one we accept. */
export async function detectCoverFormat(bytes: Buffer): Promise<string | undefined> {
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
    return meta.format && ACCEPTED.has(meta.format) ? meta.format : undefined;
  } catch {
    return undefined; // not an image sharp can read
  }
}

/** Turned upright, at most 1200 px wide, as WebP; stored under `covers/`. Returns the storage key. */
export async function storeCover(storage: Storage, image: Buffer): Promise<string> {
  const sharp = await loadSharp();
  const webp = await sharp(image, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: COVER_WIDTH, withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
  const stored = await storage.put(Readable.from([webp]), { prefix: 'covers' });
  return stored.key;
}

/** `/media/covers/<id>.webp` for a cover's storage key: the URL changes when the cover does. */
export function coverPath(coverKey: string | null): string | undefined {
  return coverKey?.startsWith('covers/') ? `/media/${coverKey}.webp` : undefined;
}
