import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JobContract } from './define.js';
import { allJobs } from './registry.js';

const srcDir = fileURLToPath(new URL('..', import.meta.url));

/** Every contract exported by a `job-contracts.ts` file, by kind. */
async function allContracts(): Promise<Map<string, JobContract>> {
  const byKind = new Map<string, JobContract>();
  const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith('job-contracts.ts'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const mod = (await import(pathToFileURL(`${srcDir}/${file}`).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const c = value as JobContract;
      if (typeof c?.kind !== 'string' || typeof c.payload?.parse !== 'function') continue;
      assert.ok(!byKind.has(c.kind), `job kind "${c.kind}" has two contracts`);
      byKind.set(c.kind, c);
    }
  }
  return byKind;
}

describe('job registry', () => {
  test('binds exactly one handler to every contract, and nothing else', async () => {
    const contracts = await allContracts();
    const kinds = allJobs.map((j) => j.kind);
    assert.equal(new Set(kinds).size, kinds.length, 'a kind is registered twice');
    assert.deepEqual([...kinds].sort(), [...contracts.keys()].sort());
    for (const handler of allJobs) {
      const contract = contracts.get(handler.kind);
      assert.equal(handler.payload, contract?.payload, `${handler.kind}: the handler's schema is the contract's`);
      assert.equal(
        handler.maxAttempts,
        contract?.maxAttempts,
        `${handler.kind}: the handler's attempts are the contract's`,
      );
    }
  });
});
