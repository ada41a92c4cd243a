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
 * What a caller needs to enqueue a job: the kind's stable id, the payload's
 * schema and the default attempt budget — no handler. Contracts live in each
 * feature's `job-contracts.ts`, which imports nothing but zod and this file, so
 * enqueueing a job does not load the code that runs it.
 */
export type JobContract<S extends z.ZodType = z.ZodType> = {
  kind: string;
  payload: S;
  maxAttempts?: number;
};

export function defineJobContract<S extends z.ZodType>(contract: JobContract<S>): JobContract<S> {
  return contract;
}

/**
 * A contract bound to its handler: what the worker runs. Handlers must be
 * idempotent: a job runs at least once, and again after a crash or a lost lease.
 * Throw PermanentJobError for failures a retry cannot fix; any other error is retried with backoff.
 * Every handler is listed in `jobs/registry.ts`.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = JobContract<S> & {
  // A method signature (not a function property): a JobDefinition<SomeSchema> then fits a JobDefinition[] list.
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
};

/** Binds a handler to a contract (the kind, schema and attempt budget come from the contract). */
export function handleJob<S extends z.ZodType>(
  contract: JobContract<S>,
  handle: (payload: z.infer<S>, ctx: JobContext) => Promise<void>,
): JobDefinition<S> {
  return { ...contract, handle };
}

/** Contract and handler in one, for jobs nothing else enqueues (tests' fixture jobs). */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** A failure that retrying cannot fix: the job goes straight to `dead`. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
