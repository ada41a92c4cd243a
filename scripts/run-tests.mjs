#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (Node 20's
// --test does not expand globs). Extra arguments filter by path substring.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(relative(root, p));
  }
  return out;
}

const files = ['src', 'test']
  .flatMap((d) => {
    try {
      return walk(join(root, d));
    } catch {
      return [];
    }
  })
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
const db = process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
// VIELFACH_TEST_STORAGE=s3: the same suite with files on S3 — one local S3 server (s3rver)
// for the run; every test app keeps its files in its own folder of the bucket.
const s3 = process.env.VIELFACH_TEST_STORAGE === 's3' ? await startS3() : undefined;
console.log(`Running ${files.length} test files on ${db}${s3 ? ', files on S3 (s3rver)' : ''}`);
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...flags, ...files],
  {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', ...(s3 ? { S3_TEST_ENDPOINT: s3.endpoint } : {}) },
  },
);
const status = await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
await s3?.close();
process.exit(status);

async function startS3() {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'vf-s3-run-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // As src/features/storage/s3-testing.ts: GET with Range from any origin (hls.js after a redirect).
    configureBuckets: [
      {
        name: 'vielfach-test',
        configs: [
          '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>Content-Range</ExposeHeader><ExposeHeader>Content-Length</ExposeHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>',
        ],
      },
    ],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
