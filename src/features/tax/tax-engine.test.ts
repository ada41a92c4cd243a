import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TaxError } from './categories.js';
import { countryName, EU_COUNTRIES, localDate } from './countries.js';
import { decideSupply, destinationVatApplies, type SupplyInput } from './place-of-supply.js';
import { VAT_RATES, vatRateOn } from './rates.js';
import { smallBusinessAppliesToSale, smallBusinessStatus } from './small-business.js';
import { breakdownByRate, lineNets, netOfGross, roundDiv } from './vat-amounts.js';

const base: SupplyInput = {
  sellerCountry: 'DE',
  mode: 'regular',
  buyerCountry: 'DE',
  buyerVatId: null,
  category: 'electronic_service',
  placeCountry: null,
  date: '2026-03-01',
  destinationVat: false,
};

describe('VAT rates', () => {
  test('every member state has dated rates in order', () => {
    assert.equal(Object.keys(VAT_RATES).length, 27);
    for (const c of EU_COUNTRIES) {
      const e = VAT_RATES[c];
      assert.ok(e.length > 0, c);
      for (let i = 1; i < e.length; i++) assert.ok((e[i]?.from ?? '') > (e[i - 1]?.from ?? ''), c);
    }
  });
  test('a rate change applies from local midnight of the seller', () => {
    assert.equal(localDate('2020-12-31T22:59:59.999Z', 'DE'), '2020-12-31');
    assert.equal(localDate('2020-12-31T23:00:00.000Z', 'DE'), '2021-01-01');
    assert.equal(vatRateOn('DE', 'standard', localDate('2020-12-31T22:59:59.999Z', 'DE')), 1600);
    assert.equal(vatRateOn('DE', 'standard', localDate('2020-12-31T23:00:00.000Z', 'DE')), 1900);
    assert.equal(vatRateOn('DE', 'ebook', '2020-07-01'), 500);
    assert.equal(vatRateOn('DK', 'ebook', '2026-01-01'), 2500);
    assert.throws(() => vatRateOn('DE', 'standard', '1990-01-01'), RangeError);
  });
});

describe('amounts from gross prices', () => {
  test('commercial rounding, integer maths, both signs', () => {
    assert.equal(roundDiv(5, 2), 3);
    assert.equal(roundDiv(-5, 2), -3);
    assert.equal(netOfGross(1900, 1900), 1597);
    assert.equal(netOfGross(-1900, 1900), -1597);
    assert.equal(netOfGross(1000, 0), 1000);
  });
  test('per invoice per rate, line nets add up to the group', () => {
    const lines = [
      { grossMinor: 999, rateBp: 1900 },
      { grossMinor: 999, rateBp: 1900 },
      { grossMinor: 999, rateBp: 1900 },
      { grossMinor: 1500, rateBp: 700 },
    ];
    const groups = breakdownByRate(lines);
    assert.deepEqual(groups, [
      { rateBp: 1900, grossMinor: 2997, netMinor: 2518, taxMinor: 479 },
      { rateBp: 700, grossMinor: 1500, netMinor: 1402, taxMinor: 98 },
    ]);
    const nets = lineNets(lines, groups);
    assert.equal((nets[0] ?? 0) + (nets[1] ?? 0) + (nets[2] ?? 0), 2518);
  });
  test('currencies with 0 and 3 decimals round to their own minor unit', () => {
    // 1,000 JPY at 19 %: 840.336 → 840; 1.000 KWD (1000 fils) at 19 %: 840.336 → 840 fils.
    assert.deepEqual(breakdownByRate([{ grossMinor: 1000, rateBp: 1900 }])[0], {
      rateBp: 1900,
      grossMinor: 1000,
      netMinor: 840,
      taxMinor: 160,
    });
  });
});

describe('place of supply', () => {
  test('domestic consumer: seller VAT; small business: none', () => {
    assert.deepEqual(decideSupply(base), { scheme: 'domestic', taxCountry: 'DE', rateBp: 1900 });
    assert.deepEqual(decideSupply({ ...base, mode: 'small_business' }), {
      scheme: 'small_business',
      taxCountry: 'DE',
      rateBp: 0,
    });
  });
  test('EU consumer below the threshold: seller VAT; above: destination VAT (OSS)', () => {
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'FR' }), {
      scheme: 'domestic',
      taxCountry: 'DE',
      rateBp: 1900,
    });
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'FR', destinationVat: true }), {
      scheme: 'oss',
      taxCountry: 'FR',
      rateBp: 2000,
    });
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'FR', destinationVat: true, category: 'e_publication' }), {
      scheme: 'oss',
      taxCountry: 'FR',
      rateBp: 550,
    });
    // A small business selling above the threshold owes the destination VAT: § 19 covers German supplies only.
    assert.equal(
      decideSupply({ ...base, mode: 'small_business', buyerCountry: 'AT', destinationVat: true }).scheme,
      'oss',
    );
  });
  test('switching at the crossing sale', () => {
    const o = { optIn: false, lastYearMinor: 0, thisYearBeforeMinor: 9_990_00 };
    assert.equal(destinationVatApplies({ ...o, saleMinor: 10_00 }), false);
    assert.equal(destinationVatApplies({ ...o, saleMinor: 10_01 }), true);
    assert.equal(destinationVatApplies({ ...o, optIn: true, saleMinor: 1 }), true);
    assert.equal(destinationVatApplies({ ...o, lastYearMinor: 10_000_01, thisYearBeforeMinor: 0, saleMinor: 1 }), true);
  });
  test('B2B with a VAT ID of another member state: reverse charge; same state: domestic', () => {
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'AT', buyerVatId: 'ATU13585627' }), {
      scheme: 'reverse_charge',
      taxCountry: null,
      rateBp: 0,
    });
    assert.equal(decideSupply({ ...base, buyerVatId: 'DE136695976' }).scheme, 'domestic');
  });
  test('non-EU buyers pay no EU VAT; physical events are taxed where they happen', () => {
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'US' }), { scheme: 'non_eu', taxCountry: null, rateBp: 0 });
    assert.deepEqual(decideSupply({ ...base, buyerCountry: 'US', category: 'physical_event', placeCountry: 'AT' }), {
      scheme: 'oss',
      taxCountry: 'AT',
      rateBp: 2000,
    });
    assert.equal(decideSupply({ ...base, buyerCountry: 'FR', category: 'personal_service' }).taxCountry, 'DE');
    assert.equal(decideSupply({ ...base, buyerCountry: 'FR', category: 'live_online_event' }).taxCountry, 'FR');
    assert.equal(
      decideSupply({ ...base, buyerCountry: 'FR', category: 'live_online_event', date: '2024-12-31' }).taxCountry,
      'DE',
    );
  });
  test('an unknown country is a clear error', () => {
    assert.throws(
      () => decideSupply({ ...base, buyerCountry: 'XX' }),
      (e: unknown) => e instanceof TaxError && e.code === 'unknown_country',
    );
    assert.throws(() => decideSupply({ ...base, buyerCountry: 'Germany' }), TaxError);
  });
});

describe('small business (§ 19 UStG)', () => {
  test('warnings before the limits, ineligible past them', () => {
    assert.deepEqual(smallBusinessStatus({ lastYearMinor: 0, thisYearMinor: 10_000_00 }), {
      eligible: true,
      warnings: [],
    });
    assert.deepEqual(smallBusinessStatus({ lastYearMinor: 0, thisYearMinor: 20_000_00 }).warnings, [
      'approaching_next_year_limit',
    ]);
    assert.deepEqual(smallBusinessStatus({ lastYearMinor: 0, thisYearMinor: 90_000_00 }).warnings, [
      'approaching_current_limit',
      'next_year_limit_exceeded',
    ]);
    assert.equal(smallBusinessStatus({ lastYearMinor: 25_000_01, thisYearMinor: 0 }).eligible, false);
    assert.equal(smallBusinessStatus({ lastYearMinor: 0, thisYearMinor: 100_000_01 }).eligible, false);
  });
  test('the sale that crosses 100,000 EUR is already taxed', () => {
    const o = { lastYearMinor: 20_000_00, thisYearBeforeMinor: 99_990_00 };
    assert.equal(smallBusinessAppliesToSale({ ...o, saleMinor: 10_00 }), true);
    assert.equal(smallBusinessAppliesToSale({ ...o, saleMinor: 10_01 }), false);
    assert.equal(smallBusinessAppliesToSale({ ...o, lastYearMinor: 25_000_01, saleMinor: 1 }), false);
  });
});

describe('country names', () => {
  test('names a country in the reader’s language and gives back what is no country code as it is', () => {
    assert.equal(countryName('AT', 'de'), 'Österreich');
    assert.equal(countryName('AT', 'en'), 'Austria');
    assert.equal(countryName('', 'en'), '');
    assert.equal(countryName('EUR', 'de'), 'EUR');
  });
});
