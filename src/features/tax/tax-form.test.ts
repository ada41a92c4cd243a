// The tax settings form over real HTTP, posted exactly as the page renders it:
// a fresh store's empty optional fields mean their defaults.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, TEST_ADMIN, type TestApp } from '../../testing/app.js';
import { formAsRendered } from '../../testing/forms.js';
import { HttpClient, listenLocal } from '../../testing/http.js';
import { loadTaxSettings } from './tax-settings.js';
import { VIES_DEFAULT_URL } from './vies.js';

describe('tax settings form on a fresh store', () => {
  let t: TestApp;
  let c: HttpClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    c = new HttpClient(await listenLocal(t.app));
    await c.postForm('/admin/login', { email: TEST_ADMIN.email, password: TEST_ADMIN.password });
  });
  after(() => t.close());

  // What a new creator types; every other field stays as the page rendered it.
  const typed = {
    businessName: 'Lena Schreiber',
    street: 'Hauptstraße 5',
    postcode: '10115',
    city: 'Berlin',
    taxNumber: '27/123/45678',
    contactName: 'Lena Schreiber',
    contactEmail: 'rechnung@example.com',
  };

  test('saves with the empty VIES address, phone, VAT ID and DATEV numbers as rendered', async () => {
    const page = await c.get('/admin/tax');
    assert.equal(page.status, 200);
    const rendered = formAsRendered(page.body, '/admin/tax');
    assert.equal(rendered.viesUrl, '', 'a fresh store shows the VIES address empty');
    assert.equal(rendered.contactPhone, '');
    const res = await c.postForm('/admin/tax', { ...rendered, ...typed });
    assert.equal(res.status, 303, res.body.match(/role="alert"[^<]*<[^<]*/)?.[0]);
    assert.equal(res.location, '/admin/tax?saved=1');
    const saved = await loadTaxSettings(t.services.database.db);
    assert.equal(saved?.viesUrl, VIES_DEFAULT_URL);
    assert.equal(saved?.invoicePrefix, 'RE-');
    assert.equal(saved?.contactPhone, undefined);
    assert.equal(saved?.vatId, '');
  });

  test('a VIES address that is given is still checked, with a message that says why', async () => {
    const rendered = formAsRendered((await c.get('/admin/tax')).body, '/admin/tax');
    const res = await c.postForm('/admin/tax', { ...rendered, ...typed, viesUrl: 'not an address' });
    assert.equal(res.status, 400);
    assert.match(res.body, /Enter a web address starting with https:\/\//);
    assert.match(res.body, /value="not an address"/, 'the typed text is kept');
  });

  test('a blank required field is still required', async () => {
    const rendered = formAsRendered((await c.get('/admin/tax')).body, '/admin/tax');
    const res = await c.postForm('/admin/tax', { ...rendered, ...typed, businessName: '   ' });
    assert.equal(res.status, 400);
    assert.match(res.body, /Required\./);
  });
});
