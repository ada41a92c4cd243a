import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from '../db/schema.js';
import type { Services } from '../services.js';
import { type JobDefinition, PermanentJobError } from './define.js';
import { claimNextJob, completeJob, extendLease, failJob, releaseJob } from './queue.js';

export type WorkerOptions = {
  services: Services;
  jobs: JobDefinition[];
  concurrency: number;
  /** How long a claim holds a job without a heartbeat; a crashed worker's job is free again after it. */
  leaseMs: number;
  /** Idle wait between polls when nothing is due (default 500 ms). */
  pollMs?: number;
  /** How often a running job's lease is extended (default a third of the lease). */
  heartbeatMs?: number;
  log: FastifyBaseLogger;
};

/**
 * Claims due jobs and runs them, up to `concurrency` at once. `stop()` stops
 * claiming and waits for running jobs; a job cut off by a crash is picked up
 * again when its lease runs out. Nothing a job or the database does ends the
 * loop: errors are logged and the loop carries on after a poll interval.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly byKind: Map<string, JobDefinition>;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  /** Set by `nudge()`, so a wake-up that arrives while claiming is not lost. */
  private woken = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: WorkerOptions) {
    this.byKind = new Map(opts.jobs.map((j) => [j.kind, j]));
  }

  start(): void {
    if (this.stopping) return;
    this.loop ??= this.run();
  }

  /** Ends the idle wait early, e.g. right after a job was enqueued in this process. */
  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Claims nothing more and resolves once every running job has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
    await Promise.allSettled([...this.running]);
  }

  /** Jobs this worker is running right now. */
  get activeJobs(): number {
    return this.running.size;
  }

  /** Claims and runs one job; false when none was due. For tests and scripts (no loop needed). */
  async runOnce(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        while (!this.stopping && this.running.size < this.opts.concurrency) {
          const job = await this.claim();
          if (!job) break;
          if (this.stopping) {
            // stop() came while the claim was under way: "claims nothing more" holds for it too.
            await releaseJob(this.opts.services.database.db, job);
            break;
          }
          const p: Promise<void> = this.execute(job).finally(() => {
            this.running.delete(p);
            this.nudge();
          });
          this.running.add(p);
        }
      } catch (err) {
        this.opts.log.error({ err }, 'job claim failed');
      }
      if (!this.stopping) await this.idle();
    }
  }

  private claim(): Promise<Job | undefined> {
    const { db, dialect } = this.opts.services.database;
    return claimNextJob(db, dialect, this.id, this.opts.leaseMs, [...this.byKind.keys()]);
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.opts.pollMs ?? 500);
      this.wake = done;
    });
  }

  /** Runs a claimed job and records the outcome; never rejects. */
  private async execute(job: Job): Promise<void> {
    const log = this.opts.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    try {
      await this.runClaimed(job, log);
    } catch (err) {
      // Recording the outcome failed (database gone?): the lease runs out and the job is retried.
      log.error({ err }, 'job outcome not recorded');
    }
  }

  private async runClaimed(job: Job, log: FastifyBaseLogger): Promise<void> {
    const { db } = this.opts.services.database;
    const def = this.byKind.get(job.kind);
    if (!def) {
      await failJob(db, job, `No handler for job kind "${job.kind}"`, true);
      return;
    }
    if (job.attempts > job.max_attempts) {
      await failJob(db, job, 'Lease expired on every attempt (the worker died or hung)', true);
      log.warn('job dead: lease expired on every attempt');
      return;
    }
    let payload: unknown;
    try {
      payload = def.payload.parse(JSON.parse(job.payload));
    } catch (err) {
      await failJob(db, job, `Invalid payload: ${errorText(err)}`, true);
      log.warn({ err }, 'job dead: invalid payload');
      return;
    }

    const lease = this.holdLease(job, log);
    let failure: { err: unknown } | undefined;
    try {
      await def.handle(payload, { db, services: this.opts.services, log, job, signal: lease.signal });
    } catch (err) {
      failure = { err };
    } finally {
      await lease.release();
    }

    if (!failure) {
      if (await completeJob(db, job)) log.debug('job done');
      else log.warn('job finished after its lease was lost; the new owner records the outcome');
      return;
    }
    const permanent = failure.err instanceof PermanentJobError;
    const status = await failJob(db, job, errorText(failure.err), permanent);
    log.warn({ err: failure.err, status }, 'job failed');
  }

  /**
   * Extends the lease while the handler runs. If the claim was lost (another
   * worker took the job over), the handler's signal is aborted and no further
   * extension is tried. `release()` stops it and waits for an extension in flight.
   */
  private holdLease(job: Job, log: FastifyBaseLogger): { signal: AbortSignal; release: () => Promise<void> } {
    const { db } = this.opts.services.database;
    const { leaseMs } = this.opts;
    const every = this.opts.heartbeatMs ?? Math.max(10, Math.floor(leaseMs / 3));
    const controller = new AbortController();
    let released = false;
    let inFlight: Promise<void> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const beat = () => {
      inFlight = extendLease(db, job, leaseMs)
        .then(
          (held) => {
            if (held) return;
            log.warn('job lease lost to another worker');
            controller.abort(new Error('Job lease lost'));
          },
          (err: unknown) => log.warn({ err }, 'job lease extension failed'),
        )
        .finally(() => {
          if (!released && !controller.signal.aborted) timer = setTimeout(beat, every);
        });
    };
    timer = setTimeout(beat, every);
    return {
      signal: controller.signal,
      release: async () => {
        released = true;
        clearTimeout(timer);
        await inFlight;
      },
    };
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
