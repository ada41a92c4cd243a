import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { insertInvoice } from '../exchange-rates/testing.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
});

const numbersOn = (body: string) => [...body.matchAll(/<td>(T-[0-9a-f]{8})/g)].map((m) => m[1]);

test('a period with many invoices is shown 50 at a time, newest first; the exports keep them all', async () => {
  t = await buildTestApp();
  await setUpStore(t.services);
  const { db } = t.services.database;
  const ids: string[] = [];
  for (let day = 1; day <= 60; day++) {
    const issuedAt = new Date(Date.UTC(2024, 3, 1, 9) + day * 86_400_000).toISOString();
    ids.push(await insertInvoice(db, { currency: 'EUR', grossMinor: 1000 + day, issuedAt }));
  }
  const c = new TestClient(t.app);
  await c.login();
  const q = 'from=2024-04-01&to=2024-06-30';
  const first = await c.get(`/admin/invoices?${q}`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Invoices and credit notes in this period: 60, newest first\./);
  const firstNumbers = numbersOn(first.body);
  assert.equal(firstNumbers.length, 50);
  assert.equal(firstNumbers[0], `T-${ids[59]?.slice(0, 8)}`);
  assert.match(first.body, /rel="next"/);
  const second = await c.get(`/admin/invoices?${q}&page=2`);
  const secondNumbers = numbersOn(second.body);
  assert.equal(secondNumbers.length, 10);
  assert.equal(secondNumbers.at(-1), `T-${ids[0]?.slice(0, 8)}`);
  assert.doesNotMatch(second.body, /rel="next"/);
  // A page past the end or not a number shows the nearest page, never an error.
  assert.deepEqual(numbersOn((await c.get(`/admin/invoices?${q}&page=99`)).body), secondNumbers);
  assert.deepEqual(numbersOn((await c.get(`/admin/invoices?${q}&page=x`)).body), firstNumbers);
  const csv = (await c.get(`/admin/invoices/export.csv?${q}`)).body;
  assert.equal(csv.split('\r\n').filter((l) => l.includes('T-')).length, 60);
});
