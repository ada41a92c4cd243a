import type { Kysely } from 'kysely';
import type { DB, Db, LegalPageKind } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { fillTemplate, readImpressum } from './impressum.js';
import { TEMPLATES_DE } from './templates.de.js';
import { TEMPLATES_EN } from './templates.en.js';

export const EDITABLE_PAGES: readonly LegalPageKind[] = ['privacy', 'terms', 'withdrawal', 'accessibility'];

export function isEditablePage(v: string): v is LegalPageKind {
  return (EDITABLE_PAGES as readonly string[]).includes(v);
}

export type LegalPageText = { body: string; template: boolean; updatedAt?: string | undefined };

/** The page in this language: the creator's text, else the template filled from the legal notice. */
export async function loadLegalPage(db: Db, kind: LegalPageKind, locale: Locale): Promise<LegalPageText> {
  const row = await db
    .selectFrom('legal_pages')
    .selectAll()
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .executeTakeFirst();
  if (row) return { body: row.body_md, template: false, updatedAt: row.updated_at };
  const [impressum, settings] = await Promise.all([readImpressum(db), getStoreSettings(db)]);
  const template = (locale === 'de' ? TEMPLATES_DE : TEMPLATES_EN)[kind];
  return { body: fillTemplate(template, impressum, settings.storeName, locale), template: true };
}

export function listEditedPages(db: Db) {
  return db.selectFrom('legal_pages').select(['kind', 'locale', 'updated_at']).execute();
}

/** The admin saves a page; the audit log keeps who changed which page when. */
export async function saveLegalPage(
  db: Kysely<DB>,
  opts: { kind: LegalPageKind; locale: Locale; body: string; actor: string },
): Promise<void> {
  const now = isoNow();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legal_pages')
      .values({ kind: opts.kind, locale: opts.locale, body_md: opts.body, updated_at: now })
      .onConflict((oc) => oc.columns(['kind', 'locale']).doUpdateSet({ body_md: opts.body, updated_at: now }))
      .execute();
    await recordAudit(trx, opts.actor, 'legal.page.saved', {
      kind: opts.kind,
      locale: opts.locale,
      chars: opts.body.length,
    });
  });
}
