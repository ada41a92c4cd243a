import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportFileError } from './csv.js';
import { gumroadSales } from './gumroad-sales.js';
import { chunks, fixture, parseAll, problemAt, recordAt } from './testing.js';

test('Gumroad sales fixture: every line is a record or a problem, the Totals line is neither', async () => {
  const lines = await parseAll(gumroadSales, fixture('gumroad-sales.csv'));
  assert.deepEqual(
    lines.map((l) => l.line),
    Array.from({ length: 15 }, (_, i) => i + 2),
  );
  assert.equal(lines.filter((l) => 'record' in l).length, 11);
});

test('Gumroad: a sale with a licence key in use', async () => {
  const lines = await parseAll(gumroadSales, fixture('gumroad-sales.csv'));
  assert.deepEqual(recordAt(lines, 2), {
    kind: 'sale',
    externalId: 'nK4QTRAYbD6cRqVYqH4Dsw==',
    person: { email: 'anna.schmidt@example.com', name: 'Anna Schmidt', country: 'DE', consent: 'unknown' },
    productExternalId: 'lrpv2',
    productName: 'Lightroom Presets Vol. 2',
    priceMinor: 2900,
    currency: 'USD',
    purchasedAt: '2024-03-05T14:22:10.000Z',
    refunded: false,
    licenceKey: {
      key: '8F1A2B3C-4D5E6F70-8192A3B4-C5D6E7F8',
      activations: 2,
      activationLimit: null,
      disabled: false,
      expiresAt: null,
    },
    subscription: null,
  });
});

test('Gumroad: refunded, disabled key, do not contact, partial refund, quoting', async () => {
  const lines = await parseAll(gumroadSales, fixture('gumroad-sales.csv'));
  const refunded = recordAt(lines, 3);
  assert.equal(refunded.kind === 'sale' && refunded.refunded, true);
  const disabled = recordAt(lines, 4);
  assert.equal(disabled.kind, 'sale');
  if (disabled.kind === 'sale') {
    assert.deepEqual(disabled.licenceKey, {
      key: 'A1B2C3D4-E5F60718-293A4B5C-6D7E8F90',
      activations: 5,
      activationLimit: null,
      disabled: true,
      expiresAt: null,
    });
  }
  assert.equal(recordAt(lines, 8).kind === 'sale' && recordAt(lines, 8).person.consent, 'do_not_contact');
  const quoted = recordAt(lines, 13);
  assert.deepEqual(quoted.person, {
    email: 'juergen.mueller@example.com',
    name: 'Müller, Jürgen "JM"',
    country: 'DE',
    consent: 'unknown',
  });
  // Gumroad's partial refund leaves the sale standing; only "Fully Refunded?" refunds it.
  const partial = recordAt(lines, 15);
  assert.equal(partial.kind === 'sale' && partial.refunded, false);
  const free = recordAt(lines, 14);
  assert.equal(free.kind === 'sale' && free.priceMinor, 0);
  assert.equal(free.person.country, 'KR');
  const big = recordAt(lines, 16);
  assert.equal(big.kind === 'sale' && big.priceMinor, 149999);
});

test('Gumroad: subscriptions, first charge, renewal and cancelled', async () => {
  const lines = await parseAll(gumroadSales, fixture('gumroad-sales.csv'));
  const first = recordAt(lines, 5);
  assert.equal(first.kind, 'sale');
  if (first.kind === 'sale') {
    assert.deepEqual(first.subscription, {
      planName: 'Monthly supporter',
      interval: 'month',
      priceMinor: 1000,
      currency: 'USD',
      status: 'active',
      startedAt: '2024-01-15T07:30:12.000Z',
      currentPeriodEnd: '2024-02-15T07:30:12.000Z',
      stripeCustomerId: null,
      stripeSubscriptionId: null,
    });
  }
  const renewal = recordAt(lines, 6);
  assert.equal(renewal.kind === 'sale' && renewal.externalId, 'Pp9Oo8Ii7Uu6Yy5Tt4Rr3E==');
  const cancelled = recordAt(lines, 7);
  assert.equal(cancelled.kind, 'sale');
  if (cancelled.kind === 'sale') {
    assert.equal(cancelled.subscription?.interval, 'year');
    assert.equal(cancelled.subscription?.status, 'cancelled');
    assert.equal(cancelled.subscription?.currentPeriodEnd, '2024-06-05T00:00:00.000Z');
    assert.equal(cancelled.priceMinor, 10000);
  }
});

test('Gumroad: bad lines become problems naming the column', async () => {
  const lines = await parseAll(gumroadSales, fixture('gumroad-sales.csv'));
  assert.deepEqual(problemAt(lines, 9), {
    code: 'invalid_email',
    column: 'Purchase Email',
    detail: 'greta.lang(at)example.com',
  });
  assert.deepEqual(problemAt(lines, 10), { code: 'invalid_amount', column: 'Sale Price ($)', detail: 'n/a' });
  assert.deepEqual(problemAt(lines, 11), {
    code: 'missing_column',
    column: 'Purchase Time (UTC timezone)',
    detail: 'empty',
  });
  assert.deepEqual(problemAt(lines, 12), { code: 'invalid_value', column: 'Recurrence', detail: 'quarterly' });
});

test('Gumroad: the header check names the missing columns; parse refuses such a file', async () => {
  assert.deepEqual(gumroadSales.missingColumns(['Purchase ID', 'Item Name']).slice(0, 2), [
    'Buyer Name',
    'Purchase Email',
  ]);
  const ghostHeader = 'id,email,name\n1,a@example.com,A\n';
  await assert.rejects(parseAll(gumroadSales, chunks(ghostHeader)), (err: unknown) => {
    assert.ok(err instanceof ImportFileError);
    assert.equal(err.reason, 'missing_columns');
    assert.ok(err.columns.includes('Purchase Email'));
    return true;
  });
  await assert.rejects(parseAll(gumroadSales, chunks('')), ImportFileError);
});

test('Gumroad: the layout before 2025 (no activation count, no enabled flag) still reads', async () => {
  const header =
    'Purchase ID,Item Name,Buyer Name,Purchase Email,Do not contact?,Purchase Date,Purchase Time (UTC timezone),Sale Price ($),Country,Fully Refunded?,Product ID,Recurrence,Subscription End Date,License Key';
  const row = 'abc==,Book,Pat Doe,pat@example.com,0,2023-01-02,2023-01-02 03:04:05 UTC,5.5,,0,bk,,,KEY-1';
  const lines = await parseAll(gumroadSales, chunks(`${header}\r\n${row}\r\n`));
  const sale = recordAt(lines, 2);
  assert.equal(sale.kind === 'sale' && sale.priceMinor, 550);
  assert.equal(sale.kind === 'sale' && sale.refunded, false);
  assert.equal(sale.kind === 'sale' && sale.licenceKey?.activations, 0);
  assert.equal(sale.kind === 'sale' && sale.licenceKey?.disabled, false);
});

test('Gumroad: a chargeback the seller lost counts as refunded, one won does not', async () => {
  const header =
    'Purchase ID,Item Name,Buyer Name,Purchase Email,Do not contact?,Purchase Date,Purchase Time (UTC timezone),Sale Price ($),Country,Fully Refunded?,Disputed?,Dispute Won?,Product ID,Recurrence,Subscription End Date,License Key';
  const row = (id: string, won: string) =>
    `${id},Book,Noah Weber,noah@example.org,0,2024-03-19,2024-03-19 22:30:00 UTC,29.0,Switzerland,0,1,${won},bk,,,`;
  const lines = await parseAll(gumroadSales, chunks(`${header}\n${row('lost', '0')}\n${row('won', '1')}\n`));
  const refunded = (line: number) => {
    const r = recordAt(lines, line);
    return r.kind === 'sale' && r.refunded;
  };
  assert.equal(refunded(2), true);
  assert.equal(refunded(3), false);
});

test('Gumroad: a free trial is a sale of nothing, its plan keeps the price', async () => {
  const header =
    'Purchase ID,Item Name,Buyer Name,Purchase Email,Do not contact?,Purchase Date,Purchase Time (UTC timezone),Sale Price ($),Country,Fully Refunded?,Free trial purchase?,Product ID,Recurrence,Subscription End Date,License Key';
  const row = 'tr1,Club,Ida Berg,ida@example.org,0,2024-03-01,2024-03-01 08:00:00 UTC,12.0,,0,1,club,monthly,,';
  const r = recordAt(await parseAll(gumroadSales, chunks(`${header}\n${row}\n`)), 2);
  assert.equal(r.kind, 'sale');
  if (r.kind !== 'sale') return;
  assert.equal(r.priceMinor, 0);
  assert.equal(r.subscription?.priceMinor, 1200);
  assert.equal(r.subscription?.status, 'active');
  assert.equal(r.subscription?.currentPeriodEnd, null);
});
