import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Mailer } from './features/email/transport.js';
import type { Storage } from './features/storage/storage.js';
import type { OrderCore } from './order-core/order-core.js';

/** What the app and the jobs share; built once in server.ts (or a test) and passed explicitly. */
export type Services = {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Product files, covers and other uploads. */
  storage: Storage;
  log: FastifyBaseLogger;
  /** The order state machine with every feature's subscribers and entitlements (see `features/index.ts`). */
  orders: OrderCore;
  /** Wakes the in-process worker after enqueueing, so work starts at once. */
  nudgeWorker: () => void;
};
