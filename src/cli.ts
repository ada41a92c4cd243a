// The command-line entry (`npm start` runs dist/cli.js start). On Node 22.1 and newer, V8's
// compiled code for every module is kept in a cache on disk (Node's default folder, or
// NODE_COMPILE_CACHE), so later starts skip most of the compiling; it is enabled here, before
// the commands and the app are imported.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./commands.js');
