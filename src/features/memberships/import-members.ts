import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { type ImportRow, parseMemberCsv, type SkippedRow } from './members-csv.js';
import { listTiers } from './tiers.js';

export type ImportReport =
  | { ok: true; imported: number; skipped: SkippedRow[] }
  | { ok: false; error: 'empty' | 'no-email-column' };

const BATCH = 500;

/**
 * Imports members from CSV: rows with a consent date become subscribed
 * members with their consent proof (time, IP, text version; source
 * 'import'); rows without one are stored as pending (no newsletter until they
 * confirm). Existing addresses are left as they are. Broken rows are skipped
 * and reported with line and reason; the rest is imported in batches.
 */
export async function importMembers(
  db: Kysely<DB>,
  opts: { csv: string; locale: string; actor: string },
): Promise<ImportReport> {
  const parsed = parseMemberCsv(opts.csv);
  if (!parsed.ok) return parsed;
  const skipped = [...parsed.skipped];
  const tiers = await listTiers(db);
  const free = tiers.find((t) => t.is_free === 1 && t.active === 1);
  const accepted: ImportRow[] = [];
  for (const row of parsed.rows) {
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
    accepted.push(row);
  }

  let imported = 0;
  for (let i = 0; i < accepted.length; i += BATCH) {
    const batch = accepted.slice(i, i + BATCH);
    const now = isoNow();
    const insertedEmails = await db.transaction().execute(async (trx) => {
      const values = batch.map((r) => ({
        id: randomUUID(),
        email: r.email,
        name: r.name,
        locale: opts.locale,
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
          locale: opts.locale,
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
    imported += insertedEmails.size;
    // Rows whose address was already a member (or came twice in the file) are reported, not overwritten.
    const seen = new Set<string>();
    for (const r of batch) {
      if (insertedEmails.has(r.email) && !seen.has(r.email)) seen.add(r.email);
      else skipped.push({ line: r.line, reason: 'already-member', value: r.email });
    }
  }
  skipped.sort((a, b) => a.line - b.line);
  await recordAudit(db, opts.actor, 'members.import', { imported, skipped: skipped.length });
  return { ok: true, imported, skipped };
}
