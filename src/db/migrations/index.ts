import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation.js';

/** Listed explicitly (no directory scanning): the order here is the order applied. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
