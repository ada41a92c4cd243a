import { randomBytes, randomUUID } from 'node:crypto';
import type { AffiliateStatus, CommissionKind, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Locale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { queueEmail } from '../email/queue-email.js';
import { normaliseEmail } from '../library/sessions.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { readProgramme } from './programme-settings.js';

/** A fresh, url-safe referral code from the name (readable), with random letters (unguessable, unique). */
export function makeCode(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()
    .slice(0, 12);
  return `${stem || 'p'}-${randomBytes(4).toString('hex')}`;
}

type NewAffiliate = { email: string; name: string; website?: string; note?: string; status: AffiliateStatus };

/** Inserts an affiliate with the programme's defaults; undefined if the address is already one. */
async function insertAffiliate(db: Db, a: NewAffiliate): Promise<string | undefined> {
  const [programme, settings] = await Promise.all([readProgramme(db), getStoreSettings(db)]);
  const now = isoNow();
  const id = randomUUID();
  const r = await db
    .insertInto('affiliates')
    .values({
      id,
      code: makeCode(a.name),
      email: normaliseEmail(a.email),
      name: a.name,
      status: a.status,
      commission_kind: 'percent',
      commission_percent_bp: programme.percentBp,
      currency: settings.currency,
      cookie_days: programme.cookieDays,
      website: a.website ?? '',
      note: a.note ?? '',
      created_at: now,
      approved_at: a.status === 'approved' ? now : null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? id : undefined;
}

/**
 * Someone applies at /partner/apply. Answered the same whether or not the
 * address is already known (nobody learns who is an affiliate); the admin
 * decides.
 */
export async function applyAsAffiliate(db: Db, a: { email: string; name: string; website: string; note: string }) {
  return insertAffiliate(db, { ...a, status: 'applied' });
}

/** The creator invites someone: approved at once, with an email carrying the portal's sign-in page. */
export async function inviteAffiliate(
  db: Db,
  p: { email: string; name: string; locale: Locale; publicUrl: string; actor: string },
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const id = await insertAffiliate(trx, { email: p.email, name: p.name, status: 'approved' });
    if (!id) return undefined;
    const { storeName } = await getStoreSettings(trx);
    await queueEmail(trx, {
      to: normaliseEmail(p.email),
      locale: p.locale,
      template: 'affiliate-invite',
      data: { url: `${p.publicUrl}/partner`, store: storeName },
    });
    await recordAudit(trx, p.actor, 'affiliate.invited', { affiliateId: id });
    return id;
  });
}

const NEXT: Record<'approve' | 'reject' | 'suspend', { to: AffiliateStatus; from: AffiliateStatus[] }> = {
  approve: { to: 'approved', from: ['applied', 'rejected', 'suspended'] },
  reject: { to: 'rejected', from: ['applied'] },
  suspend: { to: 'suspended', from: ['approved'] },
};

/** Approve, reject or suspend (a guarded UPDATE); an approval emails the new partner. */
export async function setAffiliateStatus(
  db: Db,
  p: { id: string; action: keyof typeof NEXT; actor: string; locale: Locale; publicUrl: string },
): Promise<boolean> {
  const step = NEXT[p.action];
  return db.transaction().execute(async (trx) => {
    const now = isoNow();
    const row = await trx
      .updateTable('affiliates')
      .set({ status: step.to, updated_at: now, ...(step.to === 'approved' ? { approved_at: now } : {}) })
      .where('id', '=', p.id)
      .where('status', 'in', step.from)
      .returning(['email'])
      .executeTakeFirst();
    if (!row) return false;
    if (step.to === 'approved') {
      const { storeName } = await getStoreSettings(trx);
      await queueEmail(trx, {
        to: row.email,
        locale: p.locale,
        template: 'affiliate-approved',
        data: { url: `${p.publicUrl}/partner`, store: storeName },
      });
    }
    await recordAudit(trx, p.actor, `affiliate.${p.action}`, { affiliateId: p.id });
    return true;
  });
}

export type CommissionInput = {
  kind: CommissionKind;
  percentBp: number;
  fixedMinor: number;
  cookieDays: number;
  /** Per product: a rule of its own, or absent for the affiliate's rate. */
  overrides: { productId: string; kind: CommissionKind; percentBp: number; fixedMinor: number }[];
  /** A discount code that credits this affiliate ('' for none). */
  couponCodeId: string | null;
};

/** The creator sets the commission, cookie window, per-product overrides and the affiliate's coupon. */
export async function updateCommission(db: Db, id: string, c: CommissionInput, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('affiliates')
      .set({
        commission_kind: c.kind,
        commission_percent_bp: c.percentBp,
        commission_fixed_minor: c.fixedMinor,
        cookie_days: c.cookieDays,
        updated_at: isoNow(),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('affiliate_product_commissions').where('affiliate_id', '=', id).execute();
    if (c.overrides.length > 0)
      await trx
        .insertInto('affiliate_product_commissions')
        .values(
          c.overrides.map((o) => ({
            affiliate_id: id,
            product_id: o.productId,
            commission_kind: o.kind,
            commission_percent_bp: o.percentBp,
            commission_fixed_minor: o.fixedMinor,
          })),
        )
        .execute();
    await trx.deleteFrom('affiliate_coupons').where('affiliate_id', '=', id).execute();
    if (c.couponCodeId) {
      // A code credits one affiliate: giving it to this one takes it from another.
      await trx.deleteFrom('affiliate_coupons').where('discount_code_id', '=', c.couponCodeId).execute();
      await trx
        .insertInto('affiliate_coupons')
        .values({ discount_code_id: c.couponCodeId, affiliate_id: id })
        .execute();
    }
    await recordAudit(trx, actor, 'affiliate.commission', { affiliateId: id, kind: c.kind });
  });
}
