// Pay what you want over real HTTP: the amount is read the way the buyer's
// language writes it, an ambiguous one is refused with the form kept, and the
// field shows amounts in the buyer's way.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { formAsRendered } from '../../testing/forms.js';
import { HttpClient, listenLocal } from '../../testing/http.js';
import { countRows, latestOrder, seedProduct } from './testing.js';

describe('pay what you want: the typed amount', () => {
  let t: TestApp;
  let base: string;
  let product: { id: string };
  const page = () => `/p/product-${product.id.slice(0, 8)}`;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = await listenLocal(t.app);
    product = await seedProduct(t.services, { pricing: 'pwyw', minMinor: 100, suggestedMinor: 1250 });
  });
  after(() => t.close());

  const buyer = (lang: 'en' | 'de') => new HttpClient(base, { 'accept-language': lang });

  /** The product page's buy form as rendered, with what the buyer types. */
  async function buy(c: HttpClient, amount: string) {
    const rendered = formAsRendered((await c.get(page())).body, '/checkout');
    return c.postForm(
      '/checkout',
      { ...rendered, amount, email: 'bea@example.com', digitalConsent: '1' },
      { formPage: page() },
    );
  }

  test('the amount field starts with the suggested amount as the reader writes it', async () => {
    assert.equal(formAsRendered((await buyer('de').get(page())).body, '/checkout').amount, '12,50');
    assert.equal(formAsRendered((await buyer('en').get(page())).body, '/checkout').amount, '12.50');
  });

  test('"9,001" in English is refused as ambiguous, the form keeps what was typed, no order is made', async () => {
    const before = await countRows(t.services, 'orders');
    const res = await buy(buyer('en'), '9,001');
    assert.equal(res.status, 400);
    assert.match(res.body, /Is the comma a thousands separator or the decimal point\?/);
    assert.match(res.body, /name="amount"[^>]*value="9,001"|value="9,001"[^>]*name="amount"/);
    assert.equal(await countRows(t.services, 'orders'), before);
  });

  test('"9,001" in German has too many decimal places for EUR', async () => {
    const before = await countRows(t.services, 'orders');
    const res = await buy(buyer('de'), '9,001');
    assert.equal(res.status, 400);
    assert.match(res.body, /Höchstens zwei Nachkommastellen/);
    assert.match(res.body, /value="9,001"/);
    assert.equal(await countRows(t.services, 'orders'), before);
  });

  test('"12,50" in German is charged as 12.50 EUR', async () => {
    const res = await buy(buyer('de'), '12,50');
    assert.equal(res.status, 303, res.body.match(/class="error"[^<]*/)?.[0]);
    const order = await latestOrder(t.services);
    assert.equal(order.total_minor, 1250);
    assert.equal(order.currency, 'EUR');
  });

  test('"1.234,56" in German and "1,234.56" in English are the same amount', async () => {
    await buy(buyer('de'), '1.234,56');
    assert.equal((await latestOrder(t.services)).total_minor, 123456);
    await buy(buyer('en'), '1,234.56');
    assert.equal((await latestOrder(t.services)).total_minor, 123456);
  });

  test('negative and exponent amounts are refused with a message', async () => {
    const neg = await buy(buyer('en'), '-5');
    assert.equal(neg.status, 400);
    assert.match(neg.body, /cannot be negative/);
    const exp = await buy(buyer('en'), '1e3');
    assert.equal(exp.status, 400);
    assert.match(exp.body, /Please enter an amount like 12 or 12.50/);
  });
});
