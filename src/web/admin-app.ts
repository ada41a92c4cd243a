import type { FastifyInstance } from 'fastify';

/** The admin's URLs: `/admin` and everything below it. */
const ADMIN_URL = /^\/admin(?:[/?]|$)/;

export function isAdminUrl(url: string): boolean {
  return ADMIN_URL.test(url);
}

/**
 * Hands every request under /admin to a second app with the admin's routes, built by
 * `buildAdmin` on the first such request (concurrent first requests wait for the same
 * build; a failed build is tried again by the next request).
 *
 * Why a second app: the admin is about 240 of the store's 390 routes, with their pages,
 * forms and schemas. Loading that code at start kept about 9 MB in every idle store
 * whose owner was not looking at the admin; now the code loads when the owner first does.
 *
 * Must be the public app's first onRequest hook: the request is handed over before
 * anything of it has been read (cookies, body), and the admin app answers it with its
 * own plugins, hooks and logs, as if it had arrived there. `app.inject` reaches the
 * admin the same way, so the tests go through this hand-over too.
 */
export function handOverAdminRequests(app: FastifyInstance, buildAdmin: () => Promise<FastifyInstance>): void {
  let admin: Promise<FastifyInstance> | undefined;
  const adminApp = () => {
    admin ??= buildAdmin().catch((err: unknown) => {
      admin = undefined;
      throw err;
    });
    return admin;
  };

  app.addHook('onRequest', (req, reply, done) => {
    if (!isAdminUrl(req.url)) return done();
    reply.hijack();
    adminApp().then(
      (a) => a.routing(req.raw, reply.raw),
      (err: unknown) => {
        req.log.error({ err }, 'the admin could not be loaded');
        const body = JSON.stringify({ type: 'about:blank', title: 'Admin not available', status: 503 });
        reply.raw.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '5' }).end(body);
      },
    );
    // The hijacked reply ends this app's lifecycle here: its later hooks and handler do not run.
    done();
  });

  app.addHook('onClose', async () => {
    const built = await admin?.catch(() => undefined);
    await built?.close();
  });
}
