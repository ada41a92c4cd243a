import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, migrateToLatest, openDatabase } from '../db/database.js';

/**
 * A fresh, migrated database for one test: a copy of a migrated SQLite
 * template file, or a new PostgreSQL database when DATABASE_URL points at a
 * server (dropped again on close).
 */
export type TestDatabase = Database & { url: string; dataDir: string };

const baseUrl = process.env.DATABASE_URL;
export const testDialect = baseUrl?.startsWith('postgres') ? 'postgres' : 'sqlite';

let templateFile: Promise<string> | undefined;

async function sqliteTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vf-template-'));
  const file = join(dir, 'template.db');
  const database = await openDatabase(`sqlite:${file}`);
  await migrateToLatest(database.db);
  await database.close();
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return file;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vf-test-'));
  if (testDialect === 'sqlite') {
    templateFile ??= sqliteTemplate();
    const file = join(dataDir, 'vielfach.db');
    copyFileSync(await templateFile, file);
    const database = await openDatabase(`sqlite:${file}`);
    return withCleanup(database, `sqlite:${file}`, dataDir, async () => {});
  }
  const name = `vf_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(baseUrl!, name);
  const database = await openDatabase(url, { poolSize: 10 });
  await migrateToLatest(database.db);
  return withCleanup(database, url, dataDir, () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function withCleanup(database: Database, url: string, dataDir: string, drop: () => Promise<void>): TestDatabase {
  let closed = false;
  return {
    ...database,
    url,
    dataDir,
    close: async () => {
      if (closed) return;
      closed = true;
      await database.close();
      await drop();
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A temporary folder for a test's files. */
export function tempDir(prefix = 'vf-files-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** PostgreSQL only: a new database with nothing in it (no migrations), and how to drop it. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDialect !== 'postgres') throw new Error('createEmptyPostgresDatabase needs DATABASE_URL=postgres://…');
  const name = `vf_empty_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabaseName(baseUrl!, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
