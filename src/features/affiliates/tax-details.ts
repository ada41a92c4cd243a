import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import type { AffiliateVatStatus, Db } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import { isBillingCountry, normaliseCountry } from '../tax/countries.js';
import { checkVatId } from '../tax/vat-id.js';

/** The form as posted (a browser sends empty fields as ""). */
const raw = z.object({
  legalName: z.string().trim().max(200).default(''),
  street: z.string().trim().max(200).default(''),
  postcode: z.string().trim().max(20).default(''),
  city: z.string().trim().max(100).default(''),
  country: z.string().trim().max(10).default(''),
  vatStatus: z.string().max(20).default(''),
  vatId: z.string().trim().max(40).default(''),
  taxNumber: z.string().trim().max(40).default(''),
  iban: z.string().trim().max(60).default(''),
  bic: z.string().trim().max(20).default(''),
  accountHolder: z.string().trim().max(200).default(''),
});

export type TaxDetailsValues = z.infer<typeof raw>;
export type TaxDetailsError = 'required' | 'country' | 'vatStatus' | 'vatId' | 'vatIdNeeded' | 'iban' | 'bic';

const VAT_STATUSES: readonly AffiliateVatStatus[] = ['small_business', 'regular', 'not_liable'];

export type TaxDetails = {
  legal_name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  vat_status: AffiliateVatStatus;
  vat_id: string | null;
  tax_number: string | null;
  iban: string;
  bic: string | null;
  account_holder: string;
};

/**
 * Reads the tax details form. The IBAN is checked by its ISO 7064 checksum
 * (ibantools), a VAT ID by its country's format and check digit (the tax
 * feature's offline check); a business charging VAT needs a VAT ID or a
 * tax number, since the credit note must show one (§ 14 (4) UStG).
 */
export function readTaxDetails(
  body: unknown,
):
  | { ok: true; details: TaxDetails; values: TaxDetailsValues }
  | { ok: false; values: TaxDetailsValues; errors: Partial<Record<keyof TaxDetailsValues, TaxDetailsError>> } {
  const values = raw.parse(body ?? {});
  const errors: Partial<Record<keyof TaxDetailsValues, TaxDetailsError>> = {};
  for (const k of ['legalName', 'street', 'postcode', 'city', 'accountHolder'] as const)
    if (!values[k]) errors[k] = 'required';
  const country = normaliseCountry(values.country);
  if (!isBillingCountry(country)) errors.country = 'country';
  const vatStatus = VAT_STATUSES.find((s) => s === values.vatStatus);
  if (!vatStatus) errors.vatStatus = 'vatStatus';
  let vatId: string | null = null;
  if (values.vatId) {
    const check = checkVatId(values.vatId);
    if (check.ok) vatId = check.vatId;
    else errors.vatId = 'vatId';
  }
  if (vatStatus === 'regular' && !vatId && !values.taxNumber && !errors.vatId) errors.vatId = 'vatIdNeeded';
  const iban = electronicFormatIBAN(values.iban) ?? '';
  if (!isValidIBAN(iban)) errors.iban = 'iban';
  const bic = values.bic.replace(/\s/g, '').toUpperCase();
  if (bic && !isValidBIC(bic)) errors.bic = 'bic';
  if (Object.keys(errors).length > 0 || !vatStatus) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    details: {
      legal_name: values.legalName,
      street: values.street,
      postcode: values.postcode,
      city: values.city,
      country,
      vat_status: vatStatus,
      vat_id: vatId,
      tax_number: values.taxNumber || null,
      iban,
      bic: bic || null,
      account_holder: values.accountHolder,
    },
  };
}

export async function saveTaxDetails(db: Db, affiliateId: string, details: TaxDetails): Promise<void> {
  const now = isoNow();
  await db
    .updateTable('affiliates')
    .set({ ...details, tax_details_at: now, updated_at: now })
    .where('id', '=', affiliateId)
    .execute();
}
