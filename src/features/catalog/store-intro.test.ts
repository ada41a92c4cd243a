import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { INTRO_LIMITS, readStoreIntro } from './store-intro.js';
import { pngImage, postMultipart } from './testing.js';

describe('the store home intro the creator writes', () => {
  let t: TestApp;
  let admin: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());

  const save = (fields: Record<string, string>, image?: Buffer) =>
    postMultipart(
      t.app,
      admin,
      '/admin/store',
      [
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        ...(image ? [{ name: 'image', filename: 'me.png', content: image, type: 'image/png' }] : []),
      ],
      '/admin/store',
    );

  test('without one the home shows only the products', async () => {
    const home = await new TestClient(t.app).get('/');
    assert.doesNotMatch(home.body, /class="store-welcome/);
  });

  test('headline, text and picture appear above the products; the picture is served', async () => {
    const res = await save(
      { headline: 'Hello, I make calm tools', text: 'Templates and plugins, **made once**.', imageAlt: 'My desk' },
      await pngImage(800, 600),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/store?saved=1');
    const home = (await new TestClient(t.app).get('/')).body;
    assert.match(home, /<h2 id="h-welcome">Hello, I make calm tools<\/h2>/);
    assert.match(home, /<strong>made once<\/strong>/);
    const src = /<img class="store-welcome-picture" src="([^"]+)" alt="My desk"/.exec(home)?.[1];
    assert.ok(src, 'the picture with its description');
    const picture = await new TestClient(t.app).get(src);
    assert.equal(picture.statusCode, 200);
    assert.equal(picture.headers['content-type'], 'image/webp');
    assert.ok(home.indexOf('store-welcome') < home.indexOf('product-grid') || !home.includes('product-grid'));
    const editor = await admin.get('/admin/store?saved=1');
    assert.match(editor.body, /Saved\. The store home shows it now\./);
    assert.match(editor.body, /name="headline" type="text" value="Hello, I make calm tools"/);
  });

  test('HTML in the text is escaped, a too-long headline and a non-image are form errors that save nothing', async () => {
    const before = await readStoreIntro(t.services.database.db);
    const long = await save({ headline: 'x'.repeat(INTRO_LIMITS.headline + 1), text: 'changed', imageAlt: '' });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /At most 120 characters\./);
    const notImage = await save({ headline: 'ok', text: 'changed', imageAlt: '' }, Buffer.from('not a picture'));
    assert.equal(notImage.statusCode, 400);
    assert.match(notImage.body, /not a JPEG, PNG, WebP or GIF image/);
    assert.deepEqual(await readStoreIntro(t.services.database.db), before);
    await save({ headline: 'Hi', text: '<script>alert(1)</script>', imageAlt: '' });
    const home = (await new TestClient(t.app).get('/')).body;
    assert.doesNotMatch(home, /<script>alert/);
  });

  test('removing the picture takes it off the home and deletes the file', async () => {
    const key = (await readStoreIntro(t.services.database.db)).imageKey;
    assert.ok(key);
    assert.equal((await save({ headline: 'Hi', text: '', imageAlt: '', removeImage: '1' })).statusCode, 303);
    assert.equal((await readStoreIntro(t.services.database.db)).imageKey, null);
    assert.equal(await t.services.storage.size(key), undefined);
    assert.doesNotMatch((await new TestClient(t.app).get('/')).body, /store-welcome-picture/);
  });
});
