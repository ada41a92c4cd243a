import type { AttributionSource, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { normaliseEmail } from '../library/sessions.js';

/** Referral codes: url-safe, so they travel in `?ref=`, `/r/CODE/…`, a hidden field and a cookie unchanged. */
export const REF_CODE = /^[a-z0-9][a-z0-9_-]{1,39}$/;

/** The cookie a visitor may allow for later visits (never set without their yes). */
export const REF_COOKIE = 'vf_ref';

/** The cookie's value: the code and when it was clicked (seconds), so the window is checked here too. */
export function rememberedValue(code: string, at: Date): string {
  return `${code}.${Math.floor(at.getTime() / 1000)}`;
}

export function readRemembered(value: unknown): { code: string; at: Date } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([^.]+)\.(\d{1,12})$/.exec(value);
  const code = readRefCode(m?.[1]);
  return code && m?.[2] ? { code, at: new Date(Number(m[2]) * 1000) } : undefined;
}

export function readRefCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toLowerCase();
  return REF_CODE.test(code) ? code : undefined;
}

/** An approved affiliate by referral code; the others (applied, rejected, suspended) refer nobody. */
export async function findReferrer(db: Db, code: string | undefined) {
  const valid = readRefCode(code);
  if (!valid) return undefined;
  return db
    .selectFrom('affiliates')
    .select(['id', 'code', 'email', 'cookie_days', 'name'])
    .where('code', '=', valid)
    .where('status', '=', 'approved')
    .executeTakeFirst();
}

export type Referral = {
  /** The code carried through this visit (URL → product page → checkout form). */
  link?: string | undefined;
  /** The `vf_ref` cookie as sent (code and click time), set only with the visitor's consent on an earlier visit. */
  cookie?: string | undefined;
};

/**
 * Decides and stores who referred an order, inside checkout's transaction.
 * Precedence: an affiliate's coupon the buyer typed (the strongest signal: a
 * deliberate act), then the link of this visit (the last click), then the
 * remembered cookie (an earlier click, kept no longer than the affiliate's
 * window by its max-age). A candidate that is the buyer themself (same email)
 * is passed over: self-referrals earn nothing.
 */
export async function attributeOrder(
  db: Db,
  p: {
    orderId: string;
    buyerEmail: string;
    referral?: Referral | undefined;
    discountCodeId?: string | null | undefined;
  },
): Promise<AttributionSource | undefined> {
  const buyer = normaliseEmail(p.buyerEmail);
  const candidates: { source: AttributionSource; affiliate: { id: string; email: string } | undefined }[] = [];
  if (p.discountCodeId) {
    const coupon = await db
      .selectFrom('affiliate_coupons')
      .innerJoin('affiliates', 'affiliates.id', 'affiliate_coupons.affiliate_id')
      .select(['affiliates.id', 'affiliates.email'])
      .where('affiliate_coupons.discount_code_id', '=', p.discountCodeId)
      .where('affiliates.status', '=', 'approved')
      .executeTakeFirst();
    candidates.push({ source: 'coupon', affiliate: coupon });
  }
  if (p.referral?.link) candidates.push({ source: 'link', affiliate: await findReferrer(db, p.referral.link) });
  const remembered = readRemembered(p.referral?.cookie);
  if (remembered) {
    // The cookie's max-age was the window when it was set; the window as it is now decides.
    const affiliate = await findReferrer(db, remembered.code);
    const open = affiliate && remembered.at.getTime() + affiliate.cookie_days * 86_400_000 >= Date.now();
    candidates.push({ source: 'cookie', affiliate: open ? affiliate : undefined });
  }
  const chosen = candidates.find((c) => c.affiliate && c.affiliate.email !== buyer);
  if (!chosen?.affiliate) return undefined;
  await db
    .insertInto('order_attributions')
    .values({ order_id: p.orderId, affiliate_id: chosen.affiliate.id, source: chosen.source, created_at: isoNow() })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
  return chosen.source;
}
