import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from '../db/schema.js';
import type { Services } from '../services.js';
import { type JobDefinition, PermanentJobError } from './define.js';
import { claimNextJob, completeJob, extendLease, failJob } from './queue.js';

export type WorkerOptions = {
  services: Services;
  jobs: JobDefinition[];
  concurrency: number;
  leaseMs: number;
  pollMs?: number;
  log: FastifyBaseLogger;
};

/**
 * Claims due jobs and runs them, up to `concurrency` at once. `stop()` stops
 * claiming and waits for running jobs; a job cut off by a crash is picked up
 * again when its lease runs out.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly byKind: Map<string, JobDefinition>;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: WorkerOptions) {
    this.byKind = new Map(opts.jobs.map((j) => [j.kind, j]));
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the idle wait early, e.g. right after a job was enqueued in this process. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
    await Promise.allSettled([...this.running]);
  }

  /** Claims and runs one job; false when none was due. For the loop and for tests. */
  async runOnce(): Promise<boolean> {
    const { db, dialect } = this.opts.services.database;
    const job = await claimNextJob(db, dialect, this.id, this.opts.leaseMs, [...this.byKind.keys()]);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = false;
      while (!this.stopping && this.running.size < this.opts.concurrency) {
        const job = await this.claim();
        if (!job) break;
        claimed = true;
        const p = this.execute(job).finally(() => {
          this.running.delete(p);
          this.nudge();
        });
        this.running.add(p);
      }
      if (!claimed || this.running.size >= this.opts.concurrency) await this.idle();
    }
  }

  private async claim(): Promise<Job | undefined> {
    const { db, dialect } = this.opts.services.database;
    try {
      return await claimNextJob(db, dialect, this.id, this.opts.leaseMs, [...this.byKind.keys()]);
    } catch (err) {
      this.opts.log.error({ err }, 'job claim failed');
      return undefined;
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, this.opts.pollMs ?? 500);
    });
  }

  private async execute(job: Job): Promise<void> {
    const { db } = this.opts.services.database;
    const log = this.opts.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const def = this.byKind.get(job.kind);
    if (!def) return;
    if (job.attempts > job.max_attempts) {
      await failJob(db, job, this.id, 'lease expired on every attempt (worker died?)', true);
      return;
    }
    const heartbeat = setInterval(
      () => {
        extendLease(db, job, this.id, this.opts.leaseMs).catch((err) => log.warn({ err }, 'lease extension failed'));
      },
      Math.max(1000, this.opts.leaseMs / 3),
    );
    try {
      const payload = def.payload.parse(JSON.parse(job.payload));
      await def.handle(payload, { db, services: this.opts.services, log, job });
      await completeJob(db, job, this.id);
      log.debug('job done');
    } catch (err) {
      const permanent = err instanceof PermanentJobError || (err as Error).name === 'ZodError';
      const status = await failJob(db, job, this.id, errorText(err), permanent).catch(() => 'unknown');
      log.warn({ err, status }, 'job failed');
    } finally {
      clearInterval(heartbeat);
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
