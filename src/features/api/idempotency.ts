import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/schema.js';
import { callerOf } from './auth.js';
import { idempotencyKeyInFlight, idempotencyKeyRequired, idempotencyKeyReused } from './problems.js';
import { IDEMPOTENCY_KEEP_MS } from './prune-idempotency.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** A claim still unanswered after this long belongs to a request that will never answer. */
const ABANDONED_MS = 5 * 60 * 1000;

type Claim = { tokenId: string; key: string };
const claims = new WeakMap<FastifyRequest, Claim>();

function requestHash(req: FastifyRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
}

/**
 * Idempotency-Key on every POST of the scope. The first request with a key
 * claims it by inserting its row (the primary key decides between concurrent
 * duplicates: the loser gets 409 and may retry); its answer is stored when it
 * is sent. A later request with the same key and the same method, path and
 * body gets that answer again with `idempotent-replayed: true`; with another
 * request, 422. A failure of ours (5xx) releases the key so a retry runs anew.
 */
export function guardIdempotency(scope: FastifyInstance, db: Db): void {
  scope.addHook('preValidation', async (req, reply) => {
    if (req.method !== 'POST' || !req.routeOptions.config.apiScope) return;
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !KEY.test(key)) throw idempotencyKeyRequired();
    const { tokenId } = callerOf(req);
    const now = new Date();
    const hash = requestHash(req);
    // A key past its day is free again (the hourly job deletes the rest), and so is a claim whose
    // request never answered (the process stopped under it).
    await db
      .deleteFrom('api_idempotency')
      .where('token_id', '=', tokenId)
      .where('idempotency_key', '=', key)
      .where((eb) =>
        eb.or([
          eb('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString()),
          eb.and([
            eb('status_code', 'is', null),
            eb('created_at', '<', new Date(now.getTime() - ABANDONED_MS).toISOString()),
          ]),
        ]),
      )
      .execute();
    const claimed = await db
      .insertInto('api_idempotency')
      .values({ token_id: tokenId, idempotency_key: key, request_hash: hash, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['token_id', 'idempotency_key']).doNothing())
      .returning('token_id')
      .executeTakeFirst();
    if (claimed) {
      claims.set(req, { tokenId, key });
      return;
    }
    const kept = await db
      .selectFrom('api_idempotency')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('token_id', '=', tokenId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (kept && kept.request_hash !== hash) throw idempotencyKeyReused();
    if (!kept || kept.status_code === null) throw idempotencyKeyInFlight();
    return replay(reply, kept.status_code, kept.response_body ?? '');
  });

  scope.addHook('onSend', async (req, reply, payload) => {
    const claim = claims.get(req);
    if (!claim) return payload;
    claims.delete(req);
    if (reply.statusCode >= 500) {
      await db
        .deleteFrom('api_idempotency')
        .where('token_id', '=', claim.tokenId)
        .where('idempotency_key', '=', claim.key)
        .execute();
    } else {
      const body = typeof payload === 'string' ? payload : String(payload ?? '');
      await db
        .updateTable('api_idempotency')
        .set({ status_code: reply.statusCode, response_body: body })
        .where('token_id', '=', claim.tokenId)
        .where('idempotency_key', '=', claim.key)
        .execute();
    }
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return reply
    .status(status)
    .header('idempotent-replayed', 'true')
    .header('content-type', `${type}; charset=utf-8`)
    .serializer((stored) => String(stored))
    .send(body);
}
