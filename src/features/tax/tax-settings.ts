import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { optionalField } from '../../web/form-fields.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';
import { TAX_MODES } from './categories.js';
import { EU_COUNTRIES } from './countries.js';
import { checkVatId } from './vat-id.js';
import { VIES_DEFAULT_URL } from './vies.js';

const emailFormat = z.email();
const isEmail = (v: string) => emailFormat.safeParse(v).success;

/** A phone number as people write it: digits with +, spaces, brackets, slashes, dots, dashes; 5 digits at least. */
const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || (/^\+?[\d ()./-]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 5), 'phone');

const email = z
  .string()
  .trim()
  .max(120)
  .refine((v) => v === '' || isEmail(v), 'email');

/**
 * The seller's tax identity: what every invoice prints (§ 14 Abs. 4 Nr. 1, 2 UStG).
 * The contact (name, phone, email) is what XRechnung requires of the seller
 * (BG-6, BR-DE-2); the email is also the seller's electronic address (BT-34).
 * Optional here, so settings saved before it was asked for still issue invoices.
 */
export const taxSettingsSchema = z
  .object({
    mode: z.enum(TAX_MODES),
    country: z.enum(EU_COUNTRIES),
    businessName: z.string().trim().min(1).max(120),
    street: z.string().trim().min(1).max(120),
    postcode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(80),
    taxNumber: optionalField(z.string().trim().max(40).default('')),
    vatId: optionalField(
      z
        .string()
        .trim()
        .max(20)
        .default('')
        .refine((v) => v === '' || checkVatId(v).ok, 'vatId'),
    ),
    invoicePrefix: z
      .string()
      .trim()
      .max(12, 'prefix')
      .regex(/^[A-Za-z0-9-_/]*$/, 'prefix')
      .default('RE-'),
    ossOptIn: z.boolean().default(false),
    // Empty: the EU's own VIES service.
    viesUrl: optionalField(z.url({ protocol: /^https?$/, error: 'url' }).default(VIES_DEFAULT_URL)),
    datevConsultant: optionalField(
      z
        .string()
        .trim()
        .regex(/^\d{0,7}$/, 'datev')
        .default(''),
    ),
    datevClient: optionalField(
      z
        .string()
        .trim()
        .regex(/^\d{0,5}$/, 'datev')
        .default(''),
    ),
    contactName: optionalField(z.string().trim().max(80).optional()),
    contactPhone: optionalField(phone.optional()),
    contactEmail: optionalField(email.optional()),
  })
  .refine((s) => s.taxNumber !== '' || s.vatId !== '', { path: ['taxNumber'], message: 'taxId' });

/** The admin form asks for the contact's name and email; the phone may stay empty (then no XRechnung). */
export const taxSettingsFormSchema = taxSettingsSchema.safeExtend({
  contactName: z.string().trim().min(1).max(80),
  contactEmail: email.refine((v) => v !== '', 'required'),
});

/** What a fresh store's form shows where nothing is saved yet (the VIES address stays empty: empty means the default). */
const DRAFT_DEFAULTS: Partial<Record<keyof TaxSettings, string>> = { invoicePrefix: 'RE-' };

export type TaxSettings = z.infer<typeof taxSettingsSchema>;

/** Whether invoices issued with these settings can get an XRechnung (the buyer's address aside). */
export const xrechnungContactComplete = (s: Pick<TaxSettings, 'contactName' | 'contactPhone' | 'contactEmail'>) =>
  Boolean(s.contactName && s.contactPhone && s.contactEmail);

/** Setting keys; `tax.mode` is read by other features too ('small_business' | 'regular'). */
export const TAX_KEYS = {
  mode: 'tax.mode',
  country: 'tax.country',
  businessName: 'tax.business_name',
  street: 'tax.street',
  postcode: 'tax.postcode',
  city: 'tax.city',
  taxNumber: 'tax.tax_number',
  vatId: 'tax.vat_id',
  invoicePrefix: 'tax.invoice_prefix',
  ossOptIn: 'tax.oss_opt_in',
  viesUrl: 'tax.vies_url',
  datevConsultant: 'tax.datev_consultant',
  datevClient: 'tax.datev_client',
  contactName: 'tax.contact_name',
  contactPhone: 'tax.contact_phone',
  contactEmail: 'tax.contact_email',
} as const satisfies Record<keyof TaxSettings, string>;

/** The saved settings, or undefined until the seller has filled them in (no invoice is issued before). */
export async function loadTaxSettings(db: Db): Promise<TaxSettings | undefined> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(TAX_KEYS))
    .execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(TAX_KEYS)) {
    const v = map.get(key);
    if (v !== undefined) raw[field] = field === 'ossOptIn' ? v === '1' : v;
  }
  const parsed = taxSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** What the form shows: saved values, partly filled ones included. */
export async function loadTaxSettingsDraft(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(TAX_KEYS))
    out[field] = (await readSetting(db, key)) ?? DRAFT_DEFAULTS[field as keyof TaxSettings] ?? '';
  return out;
}

export async function saveTaxSettings(db: Db, s: TaxSettings): Promise<void> {
  for (const [field, key] of Object.entries(TAX_KEYS)) {
    const v = s[field as keyof TaxSettings];
    await writeSetting(db, key, typeof v === 'boolean' ? (v ? '1' : '0') : checkedVatIdOr(field, v ?? ''));
  }
}

function checkedVatIdOr(field: string, v: string): string {
  if (field !== 'vatId' || v === '') return v;
  const c = checkVatId(v);
  return c.ok ? c.vatId : v;
}
