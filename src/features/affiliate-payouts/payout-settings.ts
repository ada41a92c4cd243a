import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { readAmount } from '../../domain/money.js';
import { amountErrorKey } from '../../web/amount-errors.js';
import type { MessageKey } from '../../web/messages.js';
import { readSetting, writeSetting } from '../settings/store-settings.js';

/**
 * The payout programme's settings, as keys of the settings table (like the tax
 * settings): the minimum a balance must reach to be paid out, in the store's
 * currency, and the store's own account the SEPA files debit.
 */
const KEYS = {
  minimumMinor: 'affiliatePayouts.minimumMinor',
  debtorName: 'affiliatePayouts.debtorName',
  debtorIban: 'affiliatePayouts.debtorIban',
  debtorBic: 'affiliatePayouts.debtorBic',
} as const;

export const DEFAULT_MINIMUM_MINOR = 50_00;

export type PayoutSettings = { minimumMinor: number; debtorName: string; debtorIban: string; debtorBic: string };

export async function readPayoutSettings(db: Db): Promise<PayoutSettings> {
  const [min, name, iban, bic] = await Promise.all(Object.values(KEYS).map((k) => readSetting(db, k)));
  const minimum = Number(min);
  return {
    minimumMinor: Number.isSafeInteger(minimum) && minimum > 0 ? minimum : DEFAULT_MINIMUM_MINOR,
    debtorName: name ?? '',
    debtorIban: iban ?? '',
    debtorBic: bic ?? '',
  };
}

export async function savePayoutSettings(db: Db, s: PayoutSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEYS.minimumMinor, String(s.minimumMinor));
    await writeSetting(trx, KEYS.debtorName, s.debtorName);
    await writeSetting(trx, KEYS.debtorIban, s.debtorIban);
    await writeSetting(trx, KEYS.debtorBic, s.debtorBic);
  });
}

/** Whether SEPA files can be made: the store's account is complete. */
export const hasDebtorAccount = (s: PayoutSettings) => s.debtorName !== '' && s.debtorIban !== '';

export type PayoutSettingsValues = { minimum: string; debtorName: string; debtorIban: string; debtorBic: string };
export type PayoutSettingsError = 'minimum' | 'debtorName' | 'debtorIban' | 'debtorBic';

const formSchema = z.object({
  minimum: z.string().default(''),
  debtorName: z.string().trim().max(70).default(''),
  debtorIban: z.string().default(''),
  debtorBic: z.string().default(''),
});

/**
 * Reads the settings form. IBAN and BIC are checked by ibantools (checksum,
 * country length, a SEPA country for the IBAN); spaces and case are
 * forgiven. Name and IBAN go together: both or neither.
 */
export function readPayoutSettingsForm(
  body: unknown,
  currency: string,
  locale: string,
):
  | { ok: true; value: PayoutSettings }
  | { ok: false; values: PayoutSettingsValues; errors: Partial<Record<PayoutSettingsError, MessageKey>> } {
  const parsed = formSchema.safeParse(body ?? {});
  const v = parsed.success ? parsed.data : { minimum: '', debtorName: '', debtorIban: '', debtorBic: '' };
  const errors: Partial<Record<PayoutSettingsError, MessageKey>> = {};
  const amount = readAmount(v.minimum, currency, locale);
  if (!amount.ok) errors.minimum = amountErrorKey(amount.reason, currency);
  else if (amount.minor <= 0) errors.minimum = 'affiliatePayouts.error.positive';
  const iban = electronicFormatIBAN(v.debtorIban) ?? '';
  if (iban !== '' && (!isValidIBAN(iban) || !isSEPACountry(iban.slice(0, 2))))
    errors.debtorIban = 'affiliatePayouts.error.ibanInvalid';
  const bic = v.debtorBic.replace(/\s+/g, '').toUpperCase();
  if (bic !== '' && !isValidBIC(bic)) errors.debtorBic = 'affiliatePayouts.error.bicInvalid';
  if (iban !== '' && v.debtorName === '') errors.debtorName = 'affiliatePayouts.error.nameRequired';
  if (iban === '' && v.debtorName !== '' && !errors.debtorIban)
    errors.debtorIban = 'affiliatePayouts.error.ibanRequired';
  if (Object.keys(errors).length > 0 || !amount.ok) return { ok: false, values: v, errors };
  return {
    ok: true,
    value: { minimumMinor: amount.minor, debtorName: v.debtorName, debtorIban: iban, debtorBic: bic },
  };
}
