import { join } from 'node:path';
import { readStorageSettings, type StorageSettings } from './settings.js';
import { type ListableStorage, LocalStorage } from './storage.js';

/**
 * The store's file storage as the settings choose it. The AWS SDK is loaded only
 * for S3, so the default (local files) starts as fast and small as before.
 */
export async function createStorage(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ListableStorage> {
  return storageFor(readStorageSettings(env), dataDir);
}

export async function storageFor(settings: StorageSettings, dataDir: string): Promise<ListableStorage> {
  if (settings.driver === 'local') return new LocalStorage(join(dataDir, 'files'));
  const { s3StorageFor } = await import('./s3-storage.js');
  const storage = s3StorageFor(settings);
  // Signing is local (no request): one URL tells the origin for the pages' Content-Security-Policy.
  storage.origin = new URL(await storage.signedUrl('origin', { expiresInSeconds: 60 })).origin;
  return storage;
}
