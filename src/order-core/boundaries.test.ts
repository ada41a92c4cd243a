import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The order core's two promises, checked on the source: it owns the writes to `orders` and imports no feature. */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Test code and test fixtures may seed orders directly. */
const isTestCode = (path: string) => /\.test\.tsx?$|(^|\/)testing(\.ts|\/)/.test(relative(src, path));

/** Runtime imports of a file (type-only imports are erased by the compiler), resolved to source paths. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)'/gms)].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const dep of runtimeImports(f)) todo.push(statSync(dep, { throwIfNoEntry: false }) ? dep : `${dep}x`);
  }
  return seen;
}

describe('order core boundaries', () => {
  test('no module outside src/order-core writes the orders table', () => {
    const writers = sourceFiles(src)
      .filter((f) => !isTestCode(f) && !relative(src, f).startsWith('order-core/'))
      .filter((f) => /(updateTable|insertInto|deleteFrom)\(\s*'orders'\s*\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    assert.deepEqual(writers, []);
  });

  test('the order core loads nothing of the features', () => {
    const loaded = [...closure(join(src, 'order-core', 'order-core.ts'))].map((f) => relative(src, f));
    assert.deepEqual(
      loaded.filter((f) => f.startsWith('features/')),
      [],
    );
    // What it does load: itself, the database types and time, the job queue (for after-commit jobs).
    assert.ok(
      loaded.every((f) => /^(order-core|db|jobs)\//.test(f)),
      loaded.join(', '),
    );
  });
});
