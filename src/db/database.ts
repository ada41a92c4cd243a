import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  /** A line for logs that does not leak credentials. */
  describe: string;
  close: () => Promise<void>;
  /** SQLite only: an online, consistent copy of the database file. */
  backup?: (destination: string) => Promise<void>;
  /**
   * SQLite only: the connection under Kysely (same statement cache), for the
   * hottest read-only point lookups (the licence API's), which read it directly
   * while no Kysely transaction is open on it (`features/licensing/read-batch.ts`).
   */
  sqlite?: SQLite.Database;
};

export class DatabaseOpenError extends Error {}

export function sqlitePath(url: string): string | undefined {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : undefined;
}

/** Opens SQLite or PostgreSQL from a URL and checks the connection works. */
export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<Database> {
  const file = sqlitePath(url);
  return file !== undefined ? openSqlite(file) : openPostgres(url, opts.poolSize ?? 10);
}

function openSqlite(file: string): Database {
  const existed = file === ':memory:' || existsSync(file);
  let sqlite: SQLite.Database | undefined;
  try {
    if (!existed) {
      mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIR });
      // SQLite would create the file readable by everyone (0644 less the umask); its -wal and -shm
      // files take the database file's permissions, so creating it owner-only first covers all three.
      closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
    }
    sqlite = new SQLite(file, { timeout: 5000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) restrictToOwner(f);
  } catch (err) {
    sqlite?.close();
    // Never leave a half-created database behind.
    if (!existed) for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);
    throw new DatabaseOpenError(`Cannot open SQLite database ${file}: ${(err as Error).message}`);
  }
  const cached = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cached }) });
  const handle = sqlite;
  return {
    db,
    dialect: 'sqlite',
    sqlite: cached,
    describe: `sqlite:${file}`,
    close: () => db.destroy(),
    backup: async (destination) => {
      mkdirSync(dirname(destination), { recursive: true, mode: OWNER_ONLY_DIR });
      if (!existsSync(destination)) closeSync(openSync(destination, 'wx', OWNER_ONLY_FILE));
      await handle.backup(destination);
      restrictToOwner(destination);
    },
  };
}

/** The database, its -wal/-shm files and backups hold every customer's data: owner-only, like secret.key. */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** Takes group and other permissions off an existing file (one made by an older version, say). */
function restrictToOwner(file: string): void {
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, mode & 0o700);
  } catch {
    // Not there (no -wal yet) or not ours to change: nothing to do.
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; on SQLite preparing costs more than
 * running a point select. Queries are the same few hundred texts, so prepared
 * statements are kept by SQL text (least recently used dropped first). Safe
 * because Kysely runs one query at a time per connection.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (stmt) {
          cache.delete(source);
        } else {
          stmt = prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        }
        cache.set(source, stmt);
        return stmt;
      };
    },
  });
}

/** The PostgreSQL driver, loaded only when a PostgreSQL URL is opened (a SQLite store never needs it). */
async function loadPg() {
  const pg = (await import('pg')).default;
  // int8 (COUNT, SUM of money) arrives as a string by default; our sums stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  return pg;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pg = await loadPg();
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`Cannot connect to PostgreSQL ${redact(url)}: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', describe: redact(url), close: () => db.destroy() };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Any fixed number; PostgreSQL's advisory locks are per database, so stores never meet. */
const MIGRATION_LOCK_KEY = 4_711_038;

/**
 * Applies every pending migration; throws with the failing migration's name.
 *
 * Several instances may start at once on one PostgreSQL database: the first takes a
 * session advisory lock (on a connection of its own, held until it is done) and
 * migrates; the others wait for it, then find nothing left to do. Kysely locks its
 * migration run too, but only after creating its bookkeeping tables, which two fresh
 * starts would race for; the lock here covers everything. SQLite is one process.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return migrate(db);
  return db.connection().execute(async (lockHolder) => {
    await sql`SELECT pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(lockHolder);
    try {
      return await migrate(db);
    } finally {
      await sql`SELECT pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(lockHolder);
    }
  });
}

async function migrate(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
