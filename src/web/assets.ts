import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The static files served under /assets/: src/web/assets when run from the
 * sources, dist/assets in the build (the bundle's modules sit in dist/; the
 * build adds a .gz and .br copy of each text file, see scripts/build.mjs).
 */
export const ASSETS_DIR = join(import.meta.dirname, 'assets');

/** True in the build: compressed copies exist, and versioned URLs may be cached for good. */
export const ASSETS_BUILT = existsSync(join(ASSETS_DIR, 'app.css.br'));

const versions = new Map<string, string>();

/** An asset's content version (the start of its SHA-256), read once per process. */
export function assetVersion(name: string): string {
  let v = versions.get(name);
  if (v === undefined) {
    v = createHash('sha256')
      .update(readFileSync(join(ASSETS_DIR, name)))
      .digest('hex')
      .slice(0, 12);
    versions.set(name, v);
  }
  return v;
}

/** The URL of an asset with its content version; the build serves it with a year-long immutable cache. */
export function assetUrl(name: string): string {
  return `/assets/${name}?v=${assetVersion(name)}`;
}

/**
 * Cache-Control for the answer that sends `file` (a path under ASSETS_DIR): a year and immutable for the build's
 * versioned URL of the current content, otherwise an hour (a stale or missing
 * version, or the sources, where files change without a restart).
 */
export function assetCacheControl(file: string, url: string): string {
  const v = /[?&]v=([0-9a-f]+)/.exec(url)?.[1];
  if (!ASSETS_BUILT || v === undefined) return 'public, max-age=3600';
  // The file sent may be the .br or .gz copy; the version is the original's.
  const name = relative(ASSETS_DIR, file).replace(/\.(br|gz)$/, '');
  if (v === assetVersion(name)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}
