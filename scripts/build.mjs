#!/usr/bin/env node
// Builds dist/ from src/: the server bundled from src/cli.ts into a few ES
// modules (esbuild; code loaded on first use stays in its own chunk; npm
// packages stay outside; linked source maps), plus the static assets with gzip
// and brotli copies next to them for @fastify/static's preCompressed mode.
// One bundle instead of a module per source file: the server starts faster
// and idles smaller (fewer module records and scopes; measured in the
// architecture notes).
//
//   node scripts/build.mjs             build (dist/ is removed and rebuilt)
//   node scripts/build.mjs --if-stale  build only when dist/ is missing or older
//                                      than any file in src/ (or package.json,
//                                      package-lock.json, the build scripts);
//                                      scripts/start.mjs (`npm start`) checks the same way
//   node scripts/build.mjs --out DIR   build into DIR instead of dist/
//
// Tests, test helpers and fixtures are never imported from cli.ts, so the bundle holds none.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { isStale, root, STAMP, src, walk } from './build-inputs.mjs';

// `--out DIR` builds elsewhere (tests); it must lie inside the project so that node_modules resolve.
const outArg = process.argv.indexOf('--out');
const dist = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist');
const stamp = join(dist, STAMP);
const assetsIn = join(src, 'web', 'assets');
// Beside the bundle's modules, where src/web/assets.ts looks for them (import.meta.dirname + 'assets').
const assetsOut = join(dist, 'assets');

/**
 * npm packages stay outside the bundle (loaded from node_modules as they are), except these:
 * pure ES modules spread over hundreds of files, whose resolving and linking cost more of a
 * start than their code (kysely: 280 files, about 0.1 s; zod: 106). The zod type provider comes
 * along so that it and the routes share one copy of zod.
 */
const BUNDLED_PACKAGES = new Set(['kysely', 'zod', 'fastify-type-provider-zod']);

/** esbuild's `packages: 'external'`, with exceptions. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

async function build() {
  const t0 = performance.now();
  const { build: esbuild } = await import('esbuild').catch(() => {
    console.error('dist/ needs a build, and esbuild is not installed: run `npm install` first.');
    process.exit(1);
  });
  rmSync(dist, { recursive: true, force: true });
  const result = await esbuild({
    entryPoints: [join(src, 'cli.ts')],
    bundle: true,
    splitting: true,
    plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
    outdir: dist,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: 'linked',
    sourcesContent: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    // Comments go (the source maps keep the lines): less source text for V8 to hold.
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  asciiOnly(Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')));
  const modules = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules')).length;
  const assets = copyAssets();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const ms = Math.round(performance.now() - t0);
  console.log(`Built ${relative(root, dist)}/ from src/: ${modules} modules, ${assets} assets in ${ms} ms.`);
}

/**
 * V8 keeps a module's source text in memory as long as the module lives, in
 * one byte per character only when every character is Latin-1; one "→" or
 * "„" in a comment or a regular expression doubles the 2 MB bundle to 4 MB.
 * esbuild escapes strings already; what it leaves (regular expressions) is
 * escaped here, which means the same in JavaScript source.
 */
function asciiOnly(files) {
  for (const file of files) {
    const path = resolve(root, file);
    const text = readFileSync(path, 'utf8');
    // Per UTF-16 unit: a character outside the BMP becomes its surrogate pair, as JavaScript reads it.
    const escaped = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (escaped !== text) writeFileSync(path, escaped);
  }
}

/** Copies src/web/assets with a .gz and .br copy beside each text asset. */
function copyAssets() {
  mkdirSync(assetsOut, { recursive: true });
  let n = 0;
  for (const file of walk(assetsIn)) {
    const rel = relative(assetsIn, file);
    const target = join(assetsOut, rel);
    mkdirSync(join(target, '..'), { recursive: true });
    const body = readFileSync(file);
    writeFileSync(target, body);
    if (/\.(css|js|svg|txt|json)$/.test(rel)) {
      writeFileSync(`${target}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${target}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    n++;
  }
  return n;
}

/**
 * Copies the data files modules read at run time (the demo podcast's audio)
 * to the same place under dist/: every file in src/ that is not TypeScript,
 * not a static asset (copied above) and not a test fixture.
 */
function copyDataFiles(files) {
  for (const file of files) {
    const rel = relative(src, file);
    if (/\.tsx?$/.test(rel) || file.startsWith(assetsIn) || rel.includes('/fixtures/')) continue;
    const target = join(dist, rel);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, readFileSync(file));
  }
}

const files = walk(src);
if (!process.argv.includes('--if-stale') || isStale(dist, files)) {
  await build();
  copyDataFiles(files);
}
