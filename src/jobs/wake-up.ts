import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Waking workers in other processes on PostgreSQL. A web instance runs no worker
 * (`WORKER=0`), so its `nudgeWorker` after a commit that queued a job cannot reach the
 * worker's in-process `nudge()`; it sends a NOTIFY instead, and every `vielfach worker`
 * LISTENs on a connection of its own and ends its idle wait. A lost notification
 * (listener reconnecting, a worker starting) costs nothing but the poll interval.
 */
export const WAKE_UP_CHANNEL = 'vielfach_jobs';

/** The web instance's `nudgeWorker`: fire and forget, never fails a request. */
export function notifyWorkers(db: Kysely<DB>): () => void {
  return () => {
    sql`SELECT pg_notify(${WAKE_UP_CHANNEL}, '')`.execute(db).catch(() => {});
  };
}

type Log = { warn: (obj: object, msg: string) => void };

/**
 * Listens for wake-ups on a connection outside the pool and calls `onWake` for each;
 * reconnects after a lost connection. Returns how to stop listening.
 */
export async function listenForWakeUps(url: string, onWake: () => void, log: Log): Promise<() => Promise<void>> {
  const pg = (await import('pg')).default;
  let stopped = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  let retry: NodeJS.Timeout | undefined;

  const reconnect = () => {
    if (stopped) return;
    retry = setTimeout(() => connect().catch(reconnect), 2000);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', () => onWake());
    c.on('error', (err) => {
      log.warn({ err }, 'job wake-up listener lost its connection; polling until it is back');
      c.end().catch(() => {});
      // A failed connect() is retried by its caller; only a listening connection's loss is ours.
      if (client === c) {
        client = undefined;
        reconnect();
      }
    });
    await c.connect();
    await c.query(`LISTEN ${WAKE_UP_CHANNEL}`);
    client = c;
    onWake(); // anything queued while not listening
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
