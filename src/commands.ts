// The commands of the command line (src/cli.ts imports this after enabling the compile cache).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DatabaseOpenError, migrateToLatest, openDatabase, sqlitePath } from './db/database.js';
import { PgToolError, pgDump, pgRestore } from './db/pg-backup.js';
import { createOrResetAdmin } from './features/auth/create-admin.js';
import { importRates } from './features/exchange-rates/import-rates.js';
import { startUpBlock, startUpMessage } from './features/setup/start-up-note.js';
import { listenForWakeUps } from './jobs/wake-up.js';
import { closeOnSignals, createLogger, createServices, createWorker, startServer } from './server.js';
import { isLocale } from './web/i18n.js';

const HELP = `Usage: vielfach <command> [options]

Commands:
  start                         start the web server (and a worker unless WORKER=0)
  worker                        run background jobs only (scale out on PostgreSQL)
  migrate                       apply database migrations and exit
  create-admin --email E [--password P] [--locale en|de]
                                create an admin, or reset its password and unlock it
  backup [--to FILE]            consistent online copy: SQLite's backup API, or pg_dump on PostgreSQL
  restore --from FILE           PostgreSQL: pg_restore a backup into the empty database of DATABASE_URL
  import-rates FILE             import ECB euro reference rates (eurofxref-hist.csv, eurofxref.csv, *.xml)
  storage move --to s3|local    copy every file to S3 or back (resumable); storage manifest: sizes and SHA-256
  help                          this text

Settings come from environment variables (PORT, PUBLIC_URL, DATA_DIR, DATABASE_URL, SMTP_URL, ...);
see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  // Loaded only for this command, with its own options.
  if (command === 'storage') return (await import('./features/storage/cli.js')).storageCommand(loadConfig(), rest);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      locale: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
    },
    allowPositionals: command === 'import-rates',
  });
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const log = await cliLogger(config);
      const running = await startServer(config, { logger: log });
      const { note } = running;
      // A terminal gets a framed block after the start-up logs; a log collector gets one more JSON line.
      if (process.stdout.isTTY) process.stdout.write(`${startUpBlock(note)}\n`);
      else log.info({ url: note.url, ...note.next }, startUpMessage(note));
      closeOnSignals(running.close, running.services.log);
      return -1; // keep running
    }
    case 'worker': {
      const services = await createServices(config, { logger: await cliLogger(config) });
      const worker = createWorker(services);
      worker.start();
      // On PostgreSQL the web instances' NOTIFY ends the idle wait (jobs/wake-up.ts).
      const unlisten =
        services.database.dialect === 'postgres'
          ? await listenForWakeUps(services.config.databaseUrl, () => worker.nudge(), services.log)
          : undefined;
      services.log.info({ worker: worker.id }, 'worker started');
      closeOnSignals(async () => {
        await unlisten?.();
        await worker.stop();
        services.mailer.close();
        await services.database.close();
      }, services.log);
      return -1;
    }
    case 'migrate': {
      const database = await openDatabase(config.databaseUrl);
      const applied = await migrateToLatest(database.db);
      await database.close();
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    case 'create-admin':
      return createAdminCommand(config.databaseUrl, values);
    case 'backup':
      return backupCommand(config.databaseUrl, config.dataDir, values.to);
    case 'restore':
      return restoreCommand(config.databaseUrl, values.from);
    case 'import-rates':
      return importRatesCommand(config.databaseUrl, positionals);
    case 'help':
    case '--help':
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 1;
  }
}

/**
 * Logs as people read them in a terminal (pino-pretty, loaded only then,
 * writing synchronously so the start-up block comes after the logs), and as
 * JSON lines everywhere else (files, journald, log collectors).
 */
async function cliLogger(config: Config): Promise<pino.Logger> {
  if (!process.stdout.isTTY) return createLogger(config);
  const { default: pretty } = await import('pino-pretty');
  return pino(
    { level: config.logLevel },
    pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }),
  );
}

async function createAdminCommand(
  url: string,
  v: { email?: string; password?: string; locale?: string },
): Promise<number> {
  if (!v.email) {
    console.error('create-admin needs --email.');
    return 1;
  }
  const generated = !v.password;
  const password = v.password ?? crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database.db);
    const r = await createOrResetAdmin(database.db, {
      email: v.email,
      password,
      locale: isLocale(v.locale) ? v.locale : 'en',
    });
    console.log(`${r.created ? 'Created' : 'Reset'} admin ${v.email}${generated ? ` with password: ${password}` : ''}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function backupCommand(url: string, dataDir: string, to: string | undefined): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (!sqlitePath(url)) {
    const target = resolve(to ?? `${dataDir}/backups/vielfach-${stamp}.dump`);
    await pgDump(url, target);
    console.log(`Backup written to ${target} (pg_dump custom format; vielfach restore --from reads it)`);
    return 0;
  }
  const database = await openDatabase(url);
  try {
    if (!database.backup) return 1;
    const target = resolve(to ?? `${dataDir}/backups/vielfach-${stamp}.db`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    await database.backup(target);
    console.log(`Backup written to ${target}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function restoreCommand(url: string, from: string | undefined): Promise<number> {
  if (sqlitePath(url)) {
    console.error('SQLite: stop the store, then copy the backup file over the database file (see docs/deployment.md).');
    return 1;
  }
  if (!from) {
    console.error('restore needs --from FILE (a dump written by vielfach backup or pg_dump --format=custom).');
    return 1;
  }
  await pgRestore(resolve(from), url);
  console.log(`Restored ${from}; start the store on this database (it migrates if the backup is older).`);
  return 0;
}

async function importRatesCommand(url: string, files: string[]): Promise<number> {
  if (files.length !== 1 || !files[0]) {
    console.error('import-rates needs one file: eurofxref-hist.csv, eurofxref.csv or an ECB XML file.');
    return 1;
  }
  if (!existsSync(files[0])) {
    console.error(`No such file: ${files[0]}`);
    return 1;
  }
  const text = readFileSync(files[0], 'utf8');
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database.db);
    const r = await importRates(database.db, { text, source: 'cli' });
    if (r.ok) {
      console.log(
        `Imported ${r.imported} of ${r.total} rates (${r.currencies} currencies, ${r.firstDate} to ${r.lastDate}); the others were stored already.`,
      );
      for (const c of r.conflicts) console.log(`Kept stored ${c.currency} ${c.date}: ${c.stored} (file: ${c.rate})`);
      return 0;
    }
    if (r.error !== 'problems') {
      console.error(`Not imported: ${r.error}${r.line ? ` at line ${r.line}` : ''}.`);
      return 1;
    }
    console.error(`Not imported: ${r.problems.length} invalid entries, nothing was written.`);
    for (const p of r.problems.slice(0, 50)) {
      console.error(`  ${p.line === null ? p.place : `line ${p.line}, ${p.place}`}: ${p.reason} "${p.value}"`);
    }
    return 1;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    // Expected start-up failures get one clear line, not a stack trace.
    if (err instanceof ConfigError || err instanceof DatabaseOpenError || err instanceof PgToolError) {
      console.error(err.message);
    } else console.error(err);
    process.exit(1);
  },
);
