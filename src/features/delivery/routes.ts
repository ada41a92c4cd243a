import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { pageContext } from '../../web/context.js';
import { sendPage } from '../../web/render.js';
import { bucketAnswersAlike, redirectToStored } from '../storage/redirect.js';
import { type DownloadProblem, DownloadProblemPage, sellerAddress } from './download.pages.js';
import { type DownloadOutcome, openDownload } from './open-download.js';
import { sendFreshLinks } from './send-fresh-links.js';

const linkParams = z.object({ deliveryId: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });
const linkQuery = z.object({ e: z.string().max(20).optional(), s: z.string().max(128).optional() });
const freshBody = z.object({ e: z.string().max(20).optional(), s: z.string().max(128).optional() });

/** Asking for fresh links sends an email: limited per IP. */
const FRESH_LINK_LIMIT = { rateLimit: { max: 5, timeWindow: '1 minute' } };

const PROBLEM_STATUS: Record<DownloadProblem['kind'], number> = {
  'bad-link': 403,
  'not-found': 404,
  'access-ended': 403,
  expired: 410,
  'limit-reached': 403,
  'fresh-sent': 200,
};

export function registerDeliveryRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const problemPage = async (req: FastifyRequest, reply: FastifyReply, problem: DownloadProblem) => {
    const ctx = await pageContext(req, reply, services);
    return sendPage(reply, DownloadProblemPage({ ctx, problem }), PROBLEM_STATUS[problem.kind]);
  };

  // GET and HEAD explicitly: a HEAD must neither open the file nor count as a download.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/d/:deliveryId/:fileId',
    schema: { params: linkParams, querystring: linkQuery },
    handler: async (req, reply) => {
      const { deliveryId, fileId } = req.params;
      const outcome = await openDownload({
        services,
        deliveryId,
        fileId,
        expires: req.query.e,
        signature: req.query.s,
        request: {
          method: req.method,
          range: req.headers.range,
          ifRange: singleHeader(req.headers['if-range']),
          ifNoneMatch: req.headers['if-none-match'],
        },
      });
      switch (outcome.kind) {
        case 'file': {
          reply.code(outcome.status).headers(outcome.headers);
          if (req.method === 'HEAD') return reply.send();
          // Counted above; on S3 the client fetches the bytes (and its Range) from the bucket.
          const sameAnswer = bucketAnswersAlike(req.headers.range, outcome.status === 206);
          const redirected =
            sameAnswer &&
            (await redirectToStored(reply, services.storage, outcome.storageKey, {
              contentType: outcome.headers['content-type'],
              contentDisposition: outcome.headers['content-disposition'],
              cacheControl: 'private, no-store',
            }));
          // Streamed straight from storage: memory stays flat whatever the file size.
          return redirected || reply.send(services.storage.read(outcome.storageKey, outcome.range));
        }
        case 'not-modified':
          return reply.code(304).headers(outcome.headers).send();
        case 'unsatisfiable':
          return reply
            .code(416)
            .headers({ 'content-range': `bytes */${outcome.size}`, 'cache-control': 'private, no-store' })
            .send();
        default:
          return problemPage(req, reply, toProblem(outcome, req.params, req.query, services));
      }
    },
  });

  app.post(
    '/d/:deliveryId/:fileId/fresh-link',
    { schema: { params: linkParams }, config: FRESH_LINK_LIMIT },
    async (req, reply) => {
      const body = freshBody.parse(req.body ?? {});
      const queued = await sendFreshLinks({
        services,
        deliveryId: req.params.deliveryId,
        fileId: req.params.fileId,
        expires: body.e,
        signature: body.s,
      });
      if (queued) services.nudgeWorker();
      req.log.info({ deliveryId: req.params.deliveryId, queued }, 'fresh download links requested');
      return problemPage(req, reply, { kind: 'fresh-sent' });
    },
  );
}

type ProblemOutcome = Exclude<DownloadOutcome, { kind: 'file' | 'not-modified' | 'unsatisfiable' }>;

function toProblem(
  outcome: ProblemOutcome,
  params: { deliveryId: string; fileId: string },
  query: { e?: string | undefined; s?: string | undefined },
  services: Services,
): DownloadProblem {
  switch (outcome.kind) {
    case 'expired':
      return {
        kind: 'expired',
        action: `/d/${encodeURIComponent(params.deliveryId)}/${encodeURIComponent(params.fileId)}/fresh-link`,
        expires: query.e ?? '',
        signature: query.s ?? '',
      };
    case 'limit-reached':
      return { ...outcome, sellerEmail: sellerAddress(services.config.emailFrom) };
    default:
      return outcome;
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
