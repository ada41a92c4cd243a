import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { AffiliatesTable, Db } from '../../db/schema.js';
import { appendEntry } from '../affiliates/ledger.js';
import { seedAffiliate } from '../affiliates/testing.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { savePayoutSettings } from './payout-settings.js';

/** Test data: a store with its tax details and its own account for SEPA files. */
export async function seedPayoutStore(db: Db) {
  await saveTaxSettings(db, testTaxSettings());
  await savePayoutSettings(db, {
    minimumMinor: 50_00,
    debtorName: 'Lena Schreiber Medien',
    debtorIban: 'DE89370400440532013000',
    debtorBic: 'COBADEFFXXX',
  });
}

/** An approved affiliate with complete tax details (a regular German business unless told). */
export function seedPayee(db: Db, a: Partial<Insertable<AffiliatesTable>> = {}) {
  return seedAffiliate(db, {
    legal_name: 'Jürgen Größe',
    street: 'Lindenweg 2',
    postcode: '80331',
    city: 'München',
    country: 'DE',
    vat_status: 'regular',
    tax_number: '143/456/78901',
    iban: 'DE02120300000000202051',
    bic: 'BYLADEM1001',
    account_holder: 'Jürgen Größe',
    ...a,
  });
}

/** A commission past its hold: payable now. */
export async function payableCommission(db: Db, affiliateId: string, amountMinor: number, currency = 'EUR') {
  await appendEntry(db, {
    affiliateId,
    orderItemId: randomUUID(),
    kind: 'pending',
    cause: 'sale',
    amountMinor,
    currency,
    availableAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
}
