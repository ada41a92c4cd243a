import { z } from 'zod';
import type { BillingInterval, Db, MembershipTier } from '../../db/schema.js';
import { formatAmountInput, readAmount } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import type { MessageKey } from '../../web/messages.js';
import { isValidSlug, slugify } from '../catalog/slug.js';

export const INTERVALS = ['month', 'year'] as const satisfies readonly BillingInterval[];

/** The benefits column holds a JSON array of strings; anything else reads as no benefits. */
export function tierBenefits(tier: Pick<MembershipTier, 'benefits'>): string[] {
  try {
    const v: unknown = JSON.parse(tier.benefits);
    return Array.isArray(v) ? v.filter((b): b is string => typeof b === 'string') : [];
  } catch {
    return [];
  }
}

/** The server's price of a tier for an interval; undefined when the interval is not offered. */
export function tierPrice(
  tier: Pick<MembershipTier, 'is_free' | 'monthly_price_minor' | 'yearly_price_minor'>,
  interval: BillingInterval,
): number | undefined {
  if (tier.is_free) return undefined;
  const v = interval === 'month' ? tier.monthly_price_minor : tier.yearly_price_minor;
  return v === null || v === undefined || Number(v) <= 0 ? undefined : Number(v);
}

/** Tiers in display order; `activeOnly` for the public page. */
export async function listTiers(db: Db, opts: { activeOnly?: boolean } = {}): Promise<MembershipTier[]> {
  let q = db.selectFrom('membership_tiers').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('position').orderBy('is_free', 'desc').orderBy('created_at').execute();
  return rows.map(normaliseTier);
}

export async function findTier(db: Db, id: string): Promise<MembershipTier | undefined> {
  const row = await db.selectFrom('membership_tiers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normaliseTier(row) : undefined;
}

export async function findTierBySlug(db: Db, slug: string): Promise<MembershipTier | undefined> {
  const row = await db.selectFrom('membership_tiers').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? normaliseTier(row) : undefined;
}

/** PostgreSQL returns bigint columns as strings: numbers here, once. */
function normaliseTier(t: MembershipTier): MembershipTier {
  return {
    ...t,
    monthly_price_minor: t.monthly_price_minor === null ? null : Number(t.monthly_price_minor),
    yearly_price_minor: t.yearly_price_minor === null ? null : Number(t.yearly_price_minor),
  };
}

const text = (max: number) => z.string().max(max).default('');

/** The tier form as posted (text only). */
export const tierFormBody = z.object({
  _csrf: z.string().max(200).optional(),
  name: text(200),
  slug: text(200),
  kind: text(10),
  description: text(20_000),
  benefits: text(5_000),
  monthly: text(40),
  yearly: text(40),
  position: text(10),
  active: z.string().max(10).optional(),
});

export type TierFormInput = z.infer<typeof tierFormBody>;
export type TierField = 'name' | 'slug' | 'kind' | 'description' | 'benefits' | 'monthly' | 'yearly' | 'position';
export type TierFormErrors = Partial<Record<TierField, MessageKey>>;

export type TierValues = {
  name: string;
  slug: string;
  isFree: boolean;
  descriptionMd: string;
  benefits: string[];
  monthlyMinor: number | null;
  yearlyMinor: number | null;
  position: number;
  active: boolean;
};

export const MAX_BENEFITS = 30;

/** A price as typed: null when empty, else minor units or the message saying what is wrong. */
function price(input: string, currency: string, locale: string): number | null | { error: MessageKey } {
  if (input.trim() === '') return null;
  const r = readAmount(input, currency, locale);
  if (!r.ok) return { error: r.reason === 'invalid' ? 'memberships.error.price' : amountErrorKey(r.reason, currency) };
  return r.minor > 0 ? r.minor : { error: 'memberships.error.price' };
}

/** Checks a posted tier form. A free tier has no prices; a paid tier needs at least one. */
export function parseTierForm(
  input: TierFormInput,
  currency: string,
  /** The admin's language: how amounts are written ("12,50" in German). */
  locale: string,
  fixedKind?: 'free' | 'paid',
): { ok: true; values: TierValues } | { ok: false; errors: TierFormErrors } {
  const errors: TierFormErrors = {};
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) errors.name = 'memberships.error.name';
  const slug = (input.slug.trim() || slugify(name)).toLowerCase();
  if (!isValidSlug(slug)) errors.slug = 'memberships.error.slug';
  const kind = fixedKind ?? (input.kind === 'free' || input.kind === 'paid' ? input.kind : undefined);
  if (!kind) errors.kind = 'memberships.error.kind';
  const benefits = input.benefits
    .split(/\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  if (benefits.length > MAX_BENEFITS || benefits.some((b) => b.length > 200))
    errors.benefits = 'memberships.error.benefits';
  let monthlyMinor: number | null = null;
  let yearlyMinor: number | null = null;
  if (kind === 'paid') {
    const m = price(input.monthly, currency, locale);
    const y = price(input.yearly, currency, locale);
    if (m !== null && typeof m === 'object') errors.monthly = m.error;
    if (y !== null && typeof y === 'object') errors.yearly = y.error;
    if (m === null && y === null) errors.monthly = 'memberships.error.noPrice';
    monthlyMinor = typeof m === 'number' ? m : null;
    yearlyMinor = typeof y === 'number' ? y : null;
  }
  const position = input.position.trim() === '' ? 0 : Number(input.position);
  if (!Number.isInteger(position) || position < 0 || position > 10_000) errors.position = 'memberships.error.position';
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return {
    ok: true,
    values: {
      name,
      slug,
      isFree: kind === 'free',
      descriptionMd: input.description.trim(),
      benefits,
      monthlyMinor,
      yearlyMinor,
      position,
      active: input.active === '1' || input.active === 'on',
    },
  };
}

/** The form filled with a stored tier. */
export function tierFormInput(tier: MembershipTier, locale: string): TierFormInput {
  return {
    name: tier.name,
    slug: tier.slug,
    kind: tier.is_free ? 'free' : 'paid',
    description: tier.description_md,
    benefits: tierBenefits(tier).join('\n'),
    monthly: tier.monthly_price_minor ? formatAmountInput(tier.monthly_price_minor, tier.currency, locale) : '',
    yearly: tier.yearly_price_minor ? formatAmountInput(tier.yearly_price_minor, tier.currency, locale) : '',
    position: String(tier.position),
    active: tier.active ? '1' : undefined,
  };
}

export function blankTierInput(): TierFormInput {
  return {
    name: '',
    slug: '',
    kind: 'paid',
    description: '',
    benefits: '',
    monthly: '',
    yearly: '',
    position: '0',
    active: '1',
  };
}
