// What a build of dist/ is made from, and whether dist/ is older than it. Shared by
// scripts/build.mjs (`--if-stale`) and scripts/start.mjs, which checks without loading the build.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const src = join(root, 'src');
export const STAMP = '.build-stamp';

export function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The newest modification time among the inputs of a build (ms): src/, the manifests, the build scripts. */
function newestInput(files) {
  let newest = 0;
  const scripts = ['build.mjs', 'build-inputs.mjs'].map((f) => join(import.meta.dirname, f));
  for (const f of [...files, join(root, 'package.json'), join(root, 'package-lock.json'), ...scripts]) {
    try {
      newest = Math.max(newest, statSync(f).mtimeMs);
    } catch {
      // package-lock.json may be absent
    }
  }
  return newest;
}

/** True when `dist` has no build stamp or one older than any input. */
export function isStale(dist, files = walk(src)) {
  let built;
  try {
    built = statSync(join(dist, STAMP)).mtimeMs;
  } catch {
    return true;
  }
  return newestInput(files) > built;
}
