import type { FastifyReply } from 'fastify';
import type { AffiliatePayout } from '../../db/schema.js';
import { buildCreditNoteCii } from './credit-note-cii.js';
import { renderCreditNotePdf } from './credit-note-pdf.js';
import { documentOf } from './payouts.js';

/**
 * Answers a credit note's PDF or XML, made from the payout's stored snapshot
 * (the same document every time; nothing is looked up again). The caller has
 * checked who may see it.
 */
export async function sendCreditNote(reply: FastifyReply, payout: AffiliatePayout, kind: 'pdf' | 'xml') {
  const doc = documentOf(payout);
  const name = `${doc.number}.${kind}`;
  reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store');
  if (kind === 'xml') return reply.type('application/xml; charset=utf-8').send(buildCreditNoteCii(doc));
  return reply.type('application/pdf').send(await renderCreditNotePdf(doc));
}
