import type { ListableStorage, StoredObject } from './storage.js';

export type ManifestFormat = 'json' | 'csv';

/** Every stored object with its size and SHA-256 (S3: the hash kept as metadata; local: read). */
export async function* manifestOf(storage: ListableStorage): AsyncIterable<StoredObject> {
  for await (const key of storage.list()) {
    const object = await storage.describe(key);
    if (object) yield object; // deleted while listing: not part of the store any more
  }
}

/**
 * The manifest as text, written line by line. CSV without a library: keys are
 * [a-z0-9-/], sizes digits and hashes hex, so no field ever needs quoting.
 */
export async function* manifestLines(storage: ListableStorage, format: ManifestFormat): AsyncIterable<string> {
  if (format === 'csv') yield 'key,size_bytes,sha256\n';
  else yield '[';
  let first = true;
  for await (const o of manifestOf(storage)) {
    if (format === 'csv') yield `${o.key},${o.sizeBytes},${o.sha256}\n`;
    else yield `${first ? '' : ','}\n  ${JSON.stringify({ key: o.key, sizeBytes: o.sizeBytes, sha256: o.sha256 })}`;
    first = false;
  }
  if (format === 'json') yield '\n]\n';
}
