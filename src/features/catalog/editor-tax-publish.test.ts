// The product editor over real HTTP, posted as the page renders it: the VAT
// category is chosen in the admin and used by checkout, and a download is not
// published with nothing to download without a warning and a confirmation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../../testing/app.js';
import { formAsRendered } from '../../testing/forms.js';
import { HttpClient, listenLocal } from '../../testing/http.js';
import { latestOrder } from '../checkout/testing.js';
import { seedFile } from '../delivery/testing.js';
import { productTaxOf } from '../tax/product-tax.js';
import { saveTaxSettings } from '../tax/tax-settings.js';
import { testTaxSettings } from '../tax/testing.js';
import { findProductById } from './queries.js';

describe('product editor: VAT category and publishing without a file', () => {
  let t: TestApp;
  let base: string;
  let admin: HttpClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await saveTaxSettings(t.services.database.db, testTaxSettings({ vatId: '', viesUrl: 'http://127.0.0.1:9/none' }));
    base = await listenLocal(t.app);
    admin = new HttpClient(base);
    await admin.postForm('/admin/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  });
  after(() => t.close());

  /** Creates a draft through the new-product form as rendered. */
  async function createDraft(title: string, fields: Record<string, string> = {}): Promise<string> {
    const rendered = formAsRendered((await admin.get('/admin/products/new')).body, '/admin/products/new');
    const res = await admin.postForm('/admin/products/new', { ...rendered, title, price: '11,90', ...fields });
    assert.equal(res.status, 303, res.body.match(/class="error"[^<]*<|role="alert">[^<]*/g)?.join(' '));
    const id = /\/admin\/products\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1];
    assert.ok(id);
    return id;
  }

  async function editorForm(id: string) {
    const page = await admin.get(`/admin/products/${id}`);
    assert.equal(page.status, 200);
    return { page, form: formAsRendered(page.body, `/admin/products/${id}`) };
  }

  test('the new-product form as rendered saves, with the standard category preselected and each one explained', async () => {
    const page = await admin.get('/admin/products/new');
    const rendered = formAsRendered(page.body, '/admin/products/new');
    assert.equal(rendered.taxCategory, 'electronic_service');
    assert.equal(rendered.taxPlace, '');
    assert.match(
      page.body,
      /E-books, e-papers and digital newspapers and magazines: reduced rate in most EU countries, 7 % in Germany/,
    );
    const id = await createDraft('Plain download');
    assert.equal((await productTaxOf(t.services.database.db, [id])).get(id)?.category, 'electronic_service');
  });

  test('an e-book category set in the editor is stored, shown again, and checkout charges the reduced rate', async () => {
    const id = await createDraft('Sauerteig E-Book');
    await seedFile(t.services, id);
    const { form } = await editorForm(id);
    const saved = await admin.postForm(
      `/admin/products/${id}`,
      { ...form, taxCategory: 'e_publication', status: 'published' },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/admin/products/${id}?done=saved`);
    assert.deepEqual((await productTaxOf(t.services.database.db, [id])).get(id), {
      category: 'e_publication',
      placeCountry: null,
    });
    assert.equal((await editorForm(id)).form.taxCategory, 'e_publication', 'the editor shows the stored category');

    const product = await findProductById(t.services.database.db, id);
    const buyer = new HttpClient(base, { 'accept-language': 'de-DE' });
    const checkout = await buyer.get(`/checkout?product=${id}`);
    assert.match(checkout.body, /class="checkout-vat hint">[^<]*7\s%[^<]*Deutschland/);
    const productPage = `/p/${product?.slug}`;
    const buy = formAsRendered((await buyer.get(productPage)).body, '/checkout');
    const res = await buyer.postForm(
      '/checkout',
      { ...buy, email: 'leserin@example.com', digitalConsent: '1' },
      { formPage: productPage },
    );
    assert.equal(res.status, 303);
    const order = await latestOrder(t.services);
    assert.equal(order.tax_rate_bp, 700);
    assert.equal(order.tax_minor, 78, '7 % inside 11.90 EUR');
  });

  test('an unknown category or place is a form error, and nothing changes', async () => {
    const id = await createDraft('Kept as it was');
    const { form } = await editorForm(id);
    const bad = await admin.postForm(
      `/admin/products/${id}`,
      { ...form, taxCategory: 'groceries' },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Choose one of the listed kinds\./);
    const place = await admin.postForm(
      `/admin/products/${id}`,
      { ...form, taxCategory: 'physical_event', taxPlace: 'US' },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(place.status, 400);
    assert.match(place.body, /Choose an EU country from the list/);
    assert.equal((await productTaxOf(t.services.database.db, [id])).get(id)?.category, 'electronic_service');
  });

  test('a download without a file: the editor warns, publishing needs the box, and the message says what is true', async () => {
    const id = await createDraft('Nothing inside yet');
    const { page, form } = await editorForm(id);
    assert.match(
      page.body,
      /No file yet: buyers of this download would get nothing\. Add a file before you publish it\./,
    );
    assert.equal(form.publishWithoutFile, undefined, 'the box is not ticked');

    const refused = await admin.postForm(
      `/admin/products/${id}`,
      { ...form, status: 'published' },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(refused.status, 400);
    assert.match(
      refused.body,
      /buyers would get nothing to download\. Save it as a draft and add a file first, or tick the box/,
    );
    assert.equal((await findProductById(t.services.database.db, id))?.status, 'draft');

    const confirmed = await admin.postForm(
      `/admin/products/${id}`,
      { ...form, status: 'published', publishWithoutFile: '1' },
      { formPage: `/admin/products/${id}` },
    );
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.location, `/admin/products/${id}?done=published-nofile`);
    assert.equal((await findProductById(t.services.database.db, id))?.status, 'published');
    const shown = await admin.get(confirmed.location ?? '');
    assert.match(
      shown.body,
      /Published\. This product has no file yet: buyers would get nothing to download — add a file\./,
    );
    assert.doesNotMatch(shown.body, /then publish/);
    // Later visits keep saying it while there is no file.
    assert.match((await admin.get(`/admin/products/${id}`)).body, /This product is published but has no file/);
  });

  test('creating a download as published at once needs the box too', async () => {
    const rendered = formAsRendered((await admin.get('/admin/products/new')).body, '/admin/products/new');
    const res = await admin.postForm('/admin/products/new', {
      ...rendered,
      title: 'Straight out',
      price: '5',
      status: 'published',
    });
    assert.equal(res.status, 400);
    assert.match(res.body, /A new product has no file yet/);
    assert.match(res.body, /tick the box to publish it anyway/);
    const ok = await admin.postForm('/admin/products/new', {
      ...rendered,
      title: 'Straight out',
      price: '5',
      status: 'published',
      publishWithoutFile: '1',
    });
    assert.equal(ok.status, 303);
    assert.match(ok.location ?? '', /\?done=published-nofile$/);
  });

  test('a product with a file, or an event on site, publishes without the box', async () => {
    const withFile = await createDraft('Has a file');
    await seedFile(t.services, withFile);
    const { page, form } = await editorForm(withFile);
    assert.doesNotMatch(page.body, /No file yet/);
    const res = await admin.postForm(
      `/admin/products/${withFile}`,
      { ...form, status: 'published' },
      { formPage: `/admin/products/${withFile}` },
    );
    assert.equal(res.location, `/admin/products/${withFile}?done=saved`);

    const event = await createDraft('Workshop in Berlin', { taxCategory: 'physical_event', taxPlace: 'DE' });
    const e = await editorForm(event);
    assert.doesNotMatch(e.page.body, /No file yet/);
    const published = await admin.postForm(
      `/admin/products/${event}`,
      { ...e.form, status: 'published' },
      { formPage: `/admin/products/${event}` },
    );
    assert.equal(published.location, `/admin/products/${event}?done=saved`);
    assert.deepEqual((await productTaxOf(t.services.database.db, [event])).get(event), {
      category: 'physical_event',
      placeCountry: 'DE',
    });
  });
});
