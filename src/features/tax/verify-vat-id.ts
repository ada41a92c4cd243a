import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { checkVatId } from './vat-id.js';
import { checkVies } from './vies.js';

export type VatIdVerdict =
  | { status: 'valid'; vatId: string; consultationNumber: string | null; name: string | null; checkId: string }
  | { status: 'invalid' | 'unavailable'; vatId: string; error: string | null; checkId: string }
  | { status: 'malformed'; reason: 'format' | 'country' | 'checksum' };

/**
 * Offline check first (a malformed ID never reaches VIES), then VIES; every
 * consultation is stored with request, answer and consultation number.
 * "unavailable" is not "valid": the caller charges VAT and lets the buyer retry.
 */
export async function verifyVatId(
  db: Kysely<DB>,
  input: string,
  opts: { url: string; requester?: string; timeoutMs?: number },
): Promise<VatIdVerdict> {
  const offline = checkVatId(input);
  if (!offline.ok) return { status: 'malformed', reason: offline.reason };
  const requester = opts.requester ? checkVatId(opts.requester) : undefined;
  const request = {
    countryCode: offline.prefix,
    vatNumber: offline.number,
    ...(requester?.ok ? { requesterMemberStateCode: requester.prefix, requesterNumber: requester.number } : {}),
  };
  const answer = await checkVies(request, { url: opts.url, timeoutMs: opts.timeoutMs ?? 10_000 });
  const checkId = randomUUID();
  await db
    .insertInto('vies_checks')
    .values({
      id: checkId,
      vat_id: offline.vatId,
      status: answer.status,
      consultation_number: answer.status === 'unavailable' ? null : answer.consultationNumber,
      name: answer.status === 'unavailable' ? null : answer.name,
      address: answer.status === 'unavailable' ? null : answer.address,
      error: answer.status === 'unavailable' ? answer.error : null,
      request: JSON.stringify(request),
      response: answer.raw.slice(0, 10_000),
      checked_at: isoNow(),
    })
    .execute();
  if (answer.status === 'valid') {
    return {
      status: 'valid',
      vatId: offline.vatId,
      consultationNumber: answer.consultationNumber,
      name: answer.name,
      checkId,
    };
  }
  return {
    status: answer.status,
    vatId: offline.vatId,
    error: answer.status === 'unavailable' ? answer.error : null,
    checkId,
  };
}
