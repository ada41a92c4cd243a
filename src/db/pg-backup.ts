import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { OWNER_ONLY_DIR, OWNER_ONLY_FILE, openDatabase } from './database.js';

/**
 * PostgreSQL backups with the server's own tools: `pg_dump --format=custom` (one
 * compressed file, consistent as of one snapshot while the store keeps selling) and
 * `pg_restore` into an empty database, which the app then starts on (and migrates, when
 * the dump is older than the code). The tools must be of the server's major version or
 * newer (Debian's postgresql-client-15 for PostgreSQL 15).
 */

export class PgToolError extends Error {}

/** The URL without its password, which goes in PGPASSWORD: arguments are visible to every local user (ps). */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-4000);
    });
    child.on('error', (err) => reject(new PgToolError(`${tool} could not be started: ${err.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new PgToolError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** Writes a custom-format dump of the database to `file` (owner-only, like every backup). */
export async function pgDump(url: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
  // Made owner-only before pg_dump writes a byte of customer data into it.
  if (!existsSync(file)) closeSync(openSync(file, 'wx', OWNER_ONLY_FILE));
  chmodSync(file, OWNER_ONLY_FILE);
  const { dbname, env } = toolConnection(url);
  await run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
}

/** How many tables the public schema of the database at `url` has. */
async function tableCount(url: string): Promise<number> {
  const database = await openDatabase(url, { poolSize: 1 });
  try {
    const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
    return tables.length;
  } finally {
    await database.close();
  }
}

/**
 * Restores a dump into the database at `url`, which must be empty (a restore never mixes
 * with a store's live data); all or nothing, in one transaction.
 */
export async function pgRestore(file: string, url: string): Promise<void> {
  if (!existsSync(file)) throw new PgToolError(`No such backup file: ${file}`);
  const tables = await tableCount(url);
  if (tables > 0) {
    throw new PgToolError(
      `The target database has ${tables} tables; restore into an empty one (CREATE DATABASE …) and point DATABASE_URL at it.`,
    );
  }
  const { dbname, env } = toolConnection(url);
  await run(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
}
