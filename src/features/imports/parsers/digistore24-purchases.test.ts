import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError } from './csv.js';
import { digistore24Purchases } from './digistore24-purchases.js';
import { chunks, fixture, parseAll, problemAt, recordAt } from './testing.js';

const sale = async (line: number) => {
  const r = recordAt(await parseAll(digistore24Purchases, fixture('digistore24-purchases.csv')), line);
  assert.equal(r.kind, 'sale');
  if (r.kind !== 'sale') throw new Error('not a sale');
  return r;
};

test('Digistore24: a one-off purchase from the German list (";", decimal comma, Berlin time, Windows-1252)', async () => {
  const lines = await parseAll(digistore24Purchases, fixture('digistore24-purchases.csv'));
  assert.equal(lines.length, 14);
  assert.deepEqual(await sale(2), {
    kind: 'sale',
    externalId: 'A3NXHEHF',
    person: { email: 'juergen.weiss@example.com', name: 'Jürgen Weiß', country: 'DE', consent: 'unknown' },
    productExternalId: '122343',
    productName: 'Guide to Happiness',
    priceMinor: 4700,
    currency: 'EUR',
    purchasedAt: '2024-03-05T13:22:00.000Z',
    refunded: false,
    licenceKey: null,
    subscription: null,
  });
  assert.equal((await sale(11)).purchasedAt, '2024-07-15T07:00:00.000Z');
  assert.equal((await sale(11)).person.name, 'Nina Müller; Co. KG');
  assert.equal((await sale(14)).person.email, 'paul.schroeder@example.com');
  assert.equal((await sale(14)).person.country, 'LU');
  assert.equal((await sale(6)).priceMinor, 149700);
  assert.equal((await sale(6)).subscription, null);
});

test('Digistore24: refunds and chargebacks', async () => {
  assert.equal((await sale(3)).refunded, true);
  assert.equal((await sale(7)).refunded, true);
  assert.equal((await sale(2)).refunded, false);
});

test('Digistore24: subscriptions with their period end', async () => {
  assert.deepEqual((await sale(4)).subscription, {
    planName: 'Mitgliederbereich Premium',
    interval: 'month',
    priceMinor: 2900,
    currency: 'EUR',
    status: 'active',
    startedAt: '2024-01-05T09:00:00.000Z',
    currentPeriodEnd: '2024-04-05T08:00:00.000Z',
    stripeCustomerId: null,
    stripeSubscriptionId: null,
  });
  const yearly = await sale(5);
  assert.equal(yearly.currency, 'CHF');
  assert.equal(yearly.person.country, 'CH');
  assert.equal(yearly.subscription?.status, 'cancelled');
  assert.equal(yearly.subscription?.interval, 'year');
  assert.equal(yearly.subscription?.currentPeriodEnd, '2024-02-12T17:30:00.000Z');
  const lapsed = await sale(12);
  assert.equal(lapsed.subscription?.status, 'expired');
  assert.equal(lapsed.subscription?.currentPeriodEnd, '2024-02-01T05:45:00.000Z');
});

test('Digistore24: bad lines name their column', async () => {
  const lines = await parseAll(digistore24Purchases, fixture('digistore24-purchases.csv'));
  assert.deepEqual(problemAt(lines, 8), {
    code: 'invalid_email',
    column: 'E-Mail',
    detail: 'ole.hansen(at)example.com',
  });
  assert.deepEqual(problemAt(lines, 9), { code: 'invalid_amount', column: 'Gesamtbetrag', detail: 'siebenundvierzig' });
  assert.deepEqual(problemAt(lines, 10), { code: 'missing_column', column: 'Bestelldatum', detail: 'empty' });
  assert.deepEqual(problemAt(lines, 13), {
    code: 'invalid_value',
    column: 'Zahlungsintervall',
    detail: 'vierteljährlich',
  });
  assert.deepEqual(problemAt(lines, 15), {
    code: 'unsupported_row',
    column: 'Zahlungsstatus',
    detail: 'Zahlung ausstehend',
  });
});

test('Digistore24: the API names with "," and decimal points, a UTF-8 BOM, symbols in the amount', async () => {
  const text =
    '\ufefforder_id,order_date_time,product_id,product_name,address_first_name,address_last_name,email,amount_brutto,currency,billing_type\r\n' +
    'Q1W2E3R4,2024-03-05 14:22:10,9,E-Book,Ada,Lovelace,ada@example.com,"1,234.50",USD,single_payment\r\n';
  const lines = await parseAll(digistore24Purchases, chunks(text, 3));
  const r = recordAt(lines, 2);
  assert.equal(r.kind === 'sale' && r.priceMinor, 123450);
  assert.equal(r.kind === 'sale' && r.purchasedAt, '2024-03-05T14:22:10.000Z');
  assert.equal(r.person.name, 'Ada Lovelace');
  const symbol = 'Bestell-ID;Bestelldatum;Produkt;E-Mail;Gesamtbetrag\n' + 'Z9;01.02.2024;Kurs;z@example.com;49,00 €\n';
  const s = recordAt(await parseAll(digistore24Purchases, chunks(symbol)), 2);
  assert.equal(s.kind === 'sale' && `${s.priceMinor} ${s.currency}`, '4900 EUR');
});

test('Digistore24: the header check names the German columns', async () => {
  assert.deepEqual(digistore24Purchases.missingColumns(['Bestell-ID', 'E-Mail']), [
    'Bestelldatum',
    'Produkt',
    'Gesamtbetrag',
  ]);
  await assert.rejects(parseAll(digistore24Purchases, fixture('gumroad-sales.csv')), ImportFileError);
});
