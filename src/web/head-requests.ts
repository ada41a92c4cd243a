import type { FastifyInstance } from 'fastify';

/**
 * Fastify's own HEAD support (`exposeHeadRoutes`) adds a HEAD copy of every GET route: about 300
 * more routes in the router, which cost a tenth of a start and 6–9 MB of an idle store's memory
 * (measured in the architecture notes). The app turns that off and answers HEAD here instead,
 * with one route: the GET for the same URL runs inside the app (as the copies did), and its
 * status and headers go back without the body (RFC 9110 § 9.3.2). Routes that declare HEAD
 * themselves (downloads, podcast audio, resumable uploads) are more specific than this one and
 * keep answering it.
 */
export function registerHeadRequests(app: FastifyInstance): void {
  app.head('/*', async (req, reply) => {
    const get = await app.inject({
      method: 'GET',
      url: req.url,
      // The same request id (requestIdHeader), cookies, language, forwarded address and encodings.
      headers: { ...req.headers, 'x-request-id': req.id },
      remoteAddress: req.socket.remoteAddress,
      // A file's body is never read into memory: the stream is dropped as soon as its headers are in.
      payloadAsStream: true,
    });
    get.stream().destroy();
    const headers = { ...get.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    return reply.code(get.statusCode).headers(headers).send();
  });
}

/** Headers that describe the inner response's own connection, not the resource. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'date'];
