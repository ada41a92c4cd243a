// A preload that tells which npm packages a process has loaded, for tests and bench/startup.ts:
//   LOADED_PACKAGES_FILE=/tmp/x.json node --import ./scripts/loaded-packages.mjs dist/cli.js start
// Every quarter of a second it writes the sorted package names to that file: packages reached
// through an ESM import (seen by a resolve hook) and CommonJS modules in the require cache.
// With LOADED_FILES_FILE set, it writes the project's own files imported so far (file URLs) there.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const imported = new Set();
const ownFiles = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (name) => (name.startsWith('file:') ? ownFiles : imported).add(name));
port1.unref();
register('./loaded-packages-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

const requireCache = createRequire(import.meta.url).cache;
const file = process.env.LOADED_PACKAGES_FILE ?? 'loaded-packages.json';
const filesFile = process.env.LOADED_FILES_FILE;
let written = '';
let writtenFiles = '';
setInterval(() => {
  if (filesFile) {
    const text = `${JSON.stringify([...ownFiles].sort())}\n`;
    if (text !== writtenFiles) writeFileSync(filesFile, text);
    writtenFiles = text;
  }
  const names = new Set(imported);
  for (const path of Object.keys(requireCache)) {
    const m = PACKAGE.exec(path);
    if (m?.[1]) names.add(m[1]);
  }
  const text = `${JSON.stringify([...names].sort())}\n`;
  if (text !== written) writeFileSync(file, text);
  written = text;
}, 250).unref();
