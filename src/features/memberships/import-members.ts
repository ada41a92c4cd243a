import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { type ImportRow, openMemberCsv, type SkippedRow } from './members-csv.js';
import { listTiers } from './tiers.js';

export type ImportReport =
  | { ok: true; imported: number; skipped: SkippedRow[] }
  | { ok: false; error: 'empty' | 'no-email-column' };

const BATCH = 500;

/**
 * Imports members from CSV: rows with a consent date become subscribed
 * members with their consent proof (time, IP, text version; source
 * 'import'); rows without one are stored as pending (no newsletter until they
 * confirm). Existing addresses are left as they are. Broken records are
 * skipped and reported with line and reason; the rest is read as a stream and
 * imported in batches.
 */
export async function importMembers(
  db: Kysely<DB>,
  opts: { csv: string | Buffer | AsyncIterable<Buffer | string>; locale: string; actor: string },
): Promise<ImportReport> {
  const opened = await openMemberCsv(opts.csv);
  if (!opened.ok) return opened;
  const skipped: SkippedRow[] = [];
  const tiers = await listTiers(db);
  const free = tiers.find((t) => t.is_free === 1 && t.active === 1);
  let batch: ImportRow[] = [];
  let imported = 0;
  // Read and written in batches: only one batch of rows is held at a time.
  for await (const item of opened.items) {
    if (item.skip) {
      skipped.push(item.skip);
      continue;
    }
    const row = item.row;
    const name = row.tier.toLowerCase();
    if (name) {
      const tier = tiers.find((t) => t.slug === name || t.name.toLowerCase() === name);
      if (!tier) {
        skipped.push({ line: row.line, reason: 'unknown-tier', value: row.tier.slice(0, 60) });
        continue;
      }
      if (!tier.is_free || tier.id !== free?.id) {
        skipped.push({ line: row.line, reason: 'paid-tier', value: tier.name });
        continue;
      }
    }
    batch.push(row);
    if (batch.length >= BATCH) {
      imported += await insertBatch(db, batch, opts.locale, skipped);
      batch = [];
    }
  }
  if (batch.length > 0) imported += await insertBatch(db, batch, opts.locale, skipped);
  skipped.sort((a, b) => a.line - b.line);
  await recordAudit(db, opts.actor, 'members.import', { imported, skipped: skipped.length });
  return { ok: true, imported, skipped };
}

/** One batch in one transaction; addresses already members (or twice in the file) are added to `skipped`. */
async function insertBatch(db: Kysely<DB>, batch: ImportRow[], locale: string, skipped: SkippedRow[]) {
  const now = isoNow();
  const insertedEmails = await db.transaction().execute(async (trx) => {
    const values = batch.map((r) => ({
      id: randomUUID(),
      email: r.email,
      name: r.name,
      locale,
      customer_id: null,
      email_status: r.consentGivenAt ? ('subscribed' as const) : ('pending' as const),
      source: 'import' as const,
      created_at: now,
      confirmed_at: r.consentGivenAt,
      unsubscribed_at: null,
      updated_at: now,
    }));
    const inserted = await trx
      .insertInto('members')
      .values(values)
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'email'])
      .execute();
    const ids = new Map(inserted.map((m) => [m.email, m.id]));
    const consents = batch
      .filter((r) => r.consentGivenAt && ids.has(r.email))
      .map((r) => ({
        id: randomUUID(),
        member_id: ids.get(r.email)!,
        purpose: 'newsletter',
        text: `Consent imported from another system (text version ${r.consentTextVersion || 'unknown'})`,
        text_version: r.consentTextVersion || 'imported',
        locale,
        ip: r.ip,
        user_agent: null,
        source: 'import' as const,
        given_at: r.consentGivenAt!,
        confirmed_at: r.consentGivenAt,
        withdrawn_at: null,
      }));
    if (consents.length > 0) await trx.insertInto('member_consents').values(consents).execute();
    return new Set(inserted.map((m) => m.email));
  });
  // Rows whose address was already a member (or came twice in the file) are reported, not overwritten.
  const seen = new Set<string>();
  for (const r of batch) {
    if (insertedEmails.has(r.email) && !seen.has(r.email)) seen.add(r.email);
    else skipped.push({ line: r.line, reason: 'already-member', value: r.email });
  }
  return insertedEmails.size;
}
