import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB, Job } from '../db/schema.js';
import type { Services } from '../services.js';

export type JobContext = {
  db: Kysely<DB>;
  services: Services;
  log: FastifyBaseLogger;
  job: Job;
  /** Aborted when this run lost its lease (another worker took the job over): stop early if you can. */
  signal: AbortSignal;
};

/**
 * One job kind: a stable id, the payload's schema and its handler. Handlers must
 * be idempotent: a job runs at least once, and again after a crash or a lost lease.
 * Throw PermanentJobError for failures a retry cannot fix; any other error is retried with backoff.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  kind: string;
  payload: S;
  maxAttempts?: number;
  // A method signature (not a function property): a JobDefinition<SomeSchema> then fits a JobDefinition[] list.
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** A failure that retrying cannot fix: the job goes straight to `dead`. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
