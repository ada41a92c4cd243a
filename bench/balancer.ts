// A small HTTP load balancer for the launch-spike bench: round robin over app instances on
// 127.0.0.1, like nginx's upstream with max_fails=1 fail_timeout=3s. An instance that refuses
// a connection is left out for a few seconds. A GET that could not reach an instance is tried
// on the next one; any other request that failed on the way is answered 502 with a marker
// header, so the buyer can tell it from the app's own answers (and retry, as a browser user would).

import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Set on the balancer's own 502s: the instance was gone, the app did not answer. */
export const BALANCER_FAILED = 'x-balancer-failed';
const DOWN_MS = 3000;
const IDEMPOTENT = new Set(['GET', 'HEAD']);

export type Balancer = {
  url: string;
  /** Requests the balancer moved to another instance, and 502s it gave. */
  stats: { retried: number; failed: number; byInstance: number[] };
  close: () => Promise<void>;
};

export async function startBalancer(ports: number[], listenPort = 0): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const downUntil = ports.map(() => 0);
  const stats = { retried: 0, failed: 0, byInstance: ports.map(() => 0) };
  let next = 0;

  /** The next instance in turn that is not marked down (or the next in turn, when all are). */
  const pick = (): number => {
    const now = Date.now();
    for (let i = 0; i < ports.length; i++) {
      const n = (next + i) % ports.length;
      if (downUntil[n]! <= now) {
        next = n + 1;
        return n;
      }
    }
    return next++ % ports.length;
  };

  const forward = (n: number, method: string, url: string, headers: Record<string, unknown>, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: ports[n], method, path: url, headers: headers as never, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      for (let attempt = 0; attempt < ports.length; attempt++) {
        const n = pick();
        try {
          const up = await forward(n, method, req.url ?? '/', req.headers, body);
          stats.byInstance[n]!++;
          const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...headers } = up.headers;
          res.writeHead(up.status, { ...headers, 'content-length': up.body.length } as never);
          res.end(up.body);
          return;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ECONNREFUSED' || code === 'ECONNRESET') downUntil[n] = Date.now() + DOWN_MS;
          // Refused: nothing reached the instance. A GET is safe to send again anywhere.
          if (IDEMPOTENT.has(method) && attempt < ports.length - 1) {
            stats.retried++;
            continue;
          }
          stats.failed++;
          res.writeHead(502, { [BALANCER_FAILED]: code ?? 'error', 'content-type': 'text/plain' });
          res.end(`upstream ${ports[n]} failed: ${code}`);
          return;
        }
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
