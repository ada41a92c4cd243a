// Module hooks of scripts/loaded-packages.mjs: reports each package an import resolves to,
// and each of the project's own files (the build's chunks) by its file URL.
const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = PACKAGE.exec(result.url);
  if (m) port.postMessage(m[1]);
  else if (result.url.startsWith('file:')) port.postMessage(result.url);
  return result;
}
