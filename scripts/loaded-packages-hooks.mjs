// Module hooks of scripts/loaded-packages.mjs: reports each package an import resolves to.
const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = PACKAGE.exec(result.url);
  if (m) port.postMessage(m[1]);
  return result;
}
