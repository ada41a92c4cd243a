import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { type Config, ensureSecret } from './config.js';
import { type Database, migrateToLatest, openDatabase } from './db/database.js';
import { scheduleWeeklySummary } from './features/analytics/weekly-summary.job.js';
import { createMailer } from './features/email/transport.js';
import { startRateFetching } from './features/exchange-rates/fetch-rates.job.js';
import { demoContentOf, features, orderCoreOf } from './features/index.js';
import { scheduleReconciliation } from './features/payments/reconcile-payments.job.js';
import { type StartUpNote, startUpNote } from './features/setup/start-up-note.js';
import { createStorage } from './features/storage/create-storage.js';
import { scheduleHousekeeping } from './flows/housekeeping.job.js';
import { allJobs } from './jobs/registry.js';
import { notifyWorkers } from './jobs/wake-up.js';
import { Worker } from './jobs/worker.js';
import type { Services } from './services.js';

export function createLogger(config: Config) {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
}

/** Opens the database (migrated) and builds the shared services. */
export async function createServices(config: Config, opts: { logger?: pino.Logger } = {}): Promise<Services> {
  const full = ensureSecret(config);
  const log = opts.logger ?? createLogger(full);
  // Before the database opens: bad storage settings stop the start with a clear message.
  const storage = await createStorage(full.dataDir);
  const database: Database = await openDatabase(full.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    config: full,
    database,
    mailer: createMailer(full.smtpUrl, {
      maxConnections: full.smtpMaxConnections,
      ratePerSecond: full.smtpRatePerSecond,
    }),
    storage,
    log,
    orders: orderCoreOf(),
    nudgeWorker: () => {},
  };
}

export function createWorker(services: Services, concurrency = services.config.workerConcurrency): Worker {
  return new Worker({
    services,
    jobs: allJobs,
    concurrency,
    leaseMs: services.config.jobLeaseSeconds * 1000,
    log: services.log.child({ component: 'worker' }),
  });
}

export type Running = {
  app: FastifyInstance;
  services: Services;
  worker: Worker | undefined;
  close: () => Promise<void>;
  /** Where the store runs and the next step (demo login, set-up link); the command line prints it. */
  note: StartUpNote;
};

/** Starts HTTP and (unless WORKER=0) the in-process worker; says where to go next. */
export async function startServer(config: Config, opts: { logger?: pino.Logger } = {}): Promise<Running> {
  const services = await createServices(config, opts);
  const worker = services.config.worker ? createWorker(services) : undefined;
  if (worker) services.nudgeWorker = () => worker.nudge();
  else if (services.database.dialect === 'postgres') services.nudgeWorker = notifyWorkers(services.database.db);
  const app = await buildApp(services);
  await app.listen({ port: services.config.port, host: services.config.host });
  await scheduleRecurringJobs(services);
  worker?.start();
  const close = async () => {
    await app.close();
    await worker?.stop();
    services.mailer.close();
    await services.database.close();
  };
  const note = await startUpNote(services, demoContentOf());
  return { app, services, worker, close, note };
}

/**
 * Puts the next run of every recurring job in the queue. Each instance does it on start;
 * the jobs carry unique keys made from their due time (the day, the hour, the week), so
 * N instances starting together leave one job per run, not N.
 */
export async function scheduleRecurringJobs(services: Services): Promise<void> {
  await scheduleHousekeeping(services.database.db);
  await scheduleWeeklySummary(services.database.db);
  await scheduleReconciliation(services.database.db, services.config.reconcileAfterMinutes);
  await startRateFetching(services.database.db, services.config);
  for (const feature of features) await feature.start?.(services);
}

/** SIGTERM/SIGINT: stop taking requests and jobs, let running ones finish, then exit. */
export function closeOnSignals(close: () => Promise<void>, log: pino.Logger | Services['log']): void {
  closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await close();
  });
}
