import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../testing/database.js';
import { slowJob } from './fixtures/slow-job.js';
import { enqueueJob, findJob } from './queue.js';
import { createJobRunsTable, jobTestServices, listJobRuns, sleep, waitFor } from './testing.js';
import { Worker } from './worker.js';

const CHILD = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first or on timeout. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`child printed no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(line);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before printing ${pattern}`));
    });
  });
}

test('a worker process killed mid-job: another worker finishes the job, exactly once', async () => {
  const database = await createTestDatabase();
  let child: ChildProcess | undefined;
  try {
    const { db } = database;
    await createJobRunsTable(db);
    const id = (await enqueueJob(db, slowJob(0, 'test'), { label: 'crash' }))!;

    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, LEASE_MS: '1000', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const line = await waitForLine(child, /^started /, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${stderr}`);
    });
    assert.equal(line, `started ${id}`);

    const held = await findJob(db, id);
    assert.equal(held?.status, 'running');
    assert.equal(held?.attempts, 1);
    assert.match(held?.locked_by ?? '', new RegExp(`:${child.pid}:`), 'the child holds the job');

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    const [, signal] = await exited;
    assert.equal(signal, 'SIGKILL');

    // This worker finishes the job quickly; it gets it once the dead child's lease has run out.
    const services = jobTestServices(database, database.dataDir);
    const rescuer = new Worker({
      services,
      jobs: [slowJob(50, 'rescuer')],
      concurrency: 1,
      leaseMs: 500,
      log: services.log,
    });
    await waitFor(() => rescuer.runOnce(), 10_000, 'the job to be taken over');
    await sleep(100);
    assert.equal(await rescuer.runOnce(), false, 'nothing is left to run');

    const done = await findJob(db, id);
    assert.equal(done?.status, 'done');
    assert.equal(done?.attempts, 2);
    const runs = (await listJobRuns(db)).map((r) => `${r.worker}:${r.phase}`);
    assert.deepEqual(runs, ['child:start', 'rescuer:start', 'rescuer:end'], 'one cut-off run, one complete run');
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await database.close();
  }
});
