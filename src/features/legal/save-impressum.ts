import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import { type Impressum, impressumSchema, writeImpressum } from './impressum.js';

export type SaveImpressumResult =
  | { ok: true }
  | { ok: false; values: Impressum; errors: Partial<Record<keyof Impressum, 'email' | 'url'>> };

/** Validates and stores the legal notice; the audit log records the change. */
export async function saveImpressum(db: Kysely<DB>, input: Record<string, unknown>, actor: string) {
  const raw = Object.fromEntries(
    Object.keys(impressumSchema.shape).map((k) => [k, typeof input[k] === 'string' ? String(input[k]).trim() : '']),
  );
  const parsed = impressumSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Partial<Record<keyof Impressum, 'email' | 'url'>> = {};
    for (const issue of parsed.error.issues) {
      const k = issue.path[0] as keyof Impressum;
      errors[k] = k === 'contactForm' ? 'url' : 'email';
    }
    return { ok: false, values: raw as Impressum, errors } satisfies SaveImpressumResult;
  }
  await db.transaction().execute(async (trx) => {
    await writeImpressum(trx, parsed.data);
    await recordAudit(trx, actor, 'legal.impressum.saved', {});
  });
  return { ok: true } satisfies SaveImpressumResult;
}
