import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Db, MembershipTier } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { recordAudit } from '../admin/audit.js';
import { isUniqueViolation } from '../catalog/unique-violation.js';
import type { TierValues } from './tiers.js';

export type SaveTierResult =
  | { kind: 'saved'; id: string }
  | { kind: 'slug-taken' }
  | { kind: 'free-exists' }
  | { kind: 'not-found' };

class Refused extends Error {
  constructor(readonly result: SaveTierResult) {
    super(result.kind);
  }
}

/**
 * Keeps the product behind a paid tier in step with the tier: each billing
 * period's order is made of it (invoice, receipt, analytics). Kind
 * 'membership' keeps it out of the store front and the catalogue admin.
 */
async function upsertTierProduct(trx: Transaction<DB>, tier: MembershipTier, values: TierValues): Promise<string> {
  const now = isoNow();
  const fields = {
    title: values.name,
    summary: '',
    description_md: values.descriptionMd,
    currency: tier.currency,
    price_minor: values.monthlyMinor ?? values.yearlyMinor ?? 0,
    status: values.active ? ('published' as const) : ('archived' as const),
    updated_at: now,
  };
  if (tier.product_id) {
    await trx.updateTable('products').set(fields).where('id', '=', tier.product_id).execute();
    return tier.product_id;
  }
  const id = randomUUID();
  await trx
    .insertInto('products')
    .values({
      id,
      slug: `membership-${tier.id}`,
      kind: 'membership',
      pricing: 'fixed',
      min_price_minor: 0,
      suggested_price_minor: null,
      cover_key: null,
      created_at: now,
      published_at: now,
      ...fields,
    })
    .execute();
  return id;
}

/** At most one active free tier: every confirmed member belongs to it. */
async function anotherActiveFreeTier(db: Db, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('membership_tiers').select('id').where('is_free', '=', 1).where('active', '=', 1);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Creates a tier (id null) or updates one; a paid tier gets its product. Free/paid is fixed once created. */
export async function saveTier(
  db: Kysely<DB>,
  opts: { id: string | null; values: TierValues; currency: string; actor: string },
): Promise<SaveTierResult> {
  const { values } = opts;
  try {
    return await db.transaction().execute(async (trx) => {
      const now = isoNow();
      const existing = opts.id
        ? await trx.selectFrom('membership_tiers').selectAll().where('id', '=', opts.id).executeTakeFirst()
        : undefined;
      if (opts.id && !existing) throw new Refused({ kind: 'not-found' });
      const isFree = existing ? existing.is_free === 1 : values.isFree;
      if (isFree && values.active && (await anotherActiveFreeTier(trx, existing?.id ?? null)))
        throw new Refused({ kind: 'free-exists' });
      const row = {
        slug: values.slug,
        name: values.name,
        description_md: values.descriptionMd,
        benefits: JSON.stringify(values.benefits),
        monthly_price_minor: isFree ? null : values.monthlyMinor,
        yearly_price_minor: isFree ? null : values.yearlyMinor,
        position: values.position,
        active: values.active ? 1 : 0,
        updated_at: now,
      };
      let tier: MembershipTier;
      if (existing) {
        await trx.updateTable('membership_tiers').set(row).where('id', '=', existing.id).execute();
        tier = { ...existing, ...row };
      } else {
        tier = {
          id: randomUUID(),
          is_free: isFree ? 1 : 0,
          product_id: null,
          currency: opts.currency,
          created_at: now,
          ...row,
        };
        await trx.insertInto('membership_tiers').values(tier).execute();
      }
      if (!isFree) {
        const productId = await upsertTierProduct(trx, tier, values);
        if (!tier.product_id) {
          await trx.updateTable('membership_tiers').set({ product_id: productId }).where('id', '=', tier.id).execute();
        }
      }
      await recordAudit(trx, opts.actor, existing ? 'membership.tier.update' : 'membership.tier.create', {
        tier: tier.id,
        name: tier.name,
      });
      return { kind: 'saved', id: tier.id } as const;
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    if (isUniqueViolation(err)) return { kind: 'slug-taken' };
    throw err;
  }
}
