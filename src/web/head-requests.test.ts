// HEAD for every GET route through the one HEAD route (head-requests.ts), over real HTTP:
// the status and headers of the GET, no body.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../testing/app.js';
import { type HttpResponse, httpRequest, listenLocal } from '../testing/http.js';

const SAME_HEADERS = ['content-type', 'content-length', 'content-encoding', 'cache-control', 'location', 'vary'];

function assertHeadLikeGet(head: HttpResponse, get: HttpResponse): void {
  assert.equal(head.status, get.status);
  for (const name of SAME_HEADERS) assert.equal(head.headers[name], get.headers[name], name);
  assert.equal(head.body, '');
}

describe('HEAD requests', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = await listenLocal(t.app);
  });
  after(() => t.close());

  const both = async (path: string, headers: Record<string, string> = {}) => ({
    head: await httpRequest(base, path, { method: 'HEAD', headers }),
    get: await httpRequest(base, path, { headers }),
  });

  test('a page answers HEAD with the status and headers of its GET, and no body', async () => {
    const { head, get } = await both('/');
    assert.equal(get.status, 200);
    assert.ok(Number(get.headers['content-length']) > 500, 'the page has a body whose length HEAD reports');
    assertHeadLikeGet(head, get);
    assert.match(String(head.headers['content-security-policy']), /default-src 'self'/);
  });

  test('a compressed page reports the encoding and length a GET would get', async () => {
    const { head, get } = await both('/', { 'accept-encoding': 'gzip' });
    assert.equal(get.headers['content-encoding'], 'gzip');
    assertHeadLikeGet(head, get);
  });

  test('an admin page redirects a visitor who is not signed in, as its GET does', async () => {
    const { head, get } = await both('/admin/products');
    assert.equal(get.status, 303);
    assert.match(String(head.location), /^\/admin\/login\?next=/);
    assertHeadLikeGet(head, get);
  });

  test('an unknown address is a 404 for HEAD too', async () => {
    const { head, get } = await both('/no-such-page');
    assert.equal(get.status, 404);
    assertHeadLikeGet(head, get);
  });

  test('the request keeps its id: the GET inside runs under the id the HEAD came with', async () => {
    const head = await httpRequest(base, '/', { method: 'HEAD', headers: { 'x-request-id': 'head-req-1' } });
    assert.equal(head.headers['x-request-id'], 'head-req-1');
  });

  test('a route that answers HEAD itself still does (an asset: ranges, no GET run inside)', async () => {
    const page = await httpRequest(base, '/');
    const css = /href="(\/assets\/app\.css[^"]*)"/.exec(page.body)?.[1];
    assert.ok(css, 'the page links its stylesheet');
    const { head, get } = await both(css);
    assert.equal(get.status, 200);
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assertHeadLikeGet(head, get);
  });
});
