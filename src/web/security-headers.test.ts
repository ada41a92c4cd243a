// The headers every answer carries, read over real HTTP: pages and the JSON API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp } from '../testing/app.js';
import { httpRequest, listenLocal } from '../testing/http.js';

/** `name=(allowlist)` pairs of a Permissions-Policy header. */
function permissions(header: unknown): Map<string, string> {
  return new Map(
    String(header ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', allow = ''] = d.split('=');
        return [name, allow] as [string, string];
      }),
  );
}

function directives(csp: unknown): Map<string, string> {
  return new Map(
    String(csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as [string, string];
      }),
  );
}

const DENIED = [
  'camera',
  'microphone',
  'geolocation',
  'payment',
  'usb',
  'serial',
  'hid',
  'interest-cohort',
  'browsing-topics',
];

describe('security headers over HTTP', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    base = await listenLocal(t.app);
  });
  after(() => t.close());

  test('a page denies powerful browser features and loads no fonts', async () => {
    for (const path of ['/', '/admin/login']) {
      const r = await httpRequest(base, path);
      assert.equal(r.status, 200, path);
      assert.match(String(r.headers['content-type']), /text\/html/);
      const policy = permissions(r.headers['permissions-policy']);
      for (const feature of DENIED) assert.equal(policy.get(feature), '()', `${path}: ${feature}`);
      const csp = directives(r.headers['content-security-policy']);
      assert.equal(csp.get('font-src'), "'none'", path);
      assert.equal(csp.get('script-src'), "'self'");
    }
  });

  test('the JSON API carries the same Permissions-Policy', async () => {
    const r = await httpRequest(base, '/api/v1/licenses/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ license_key: 'NOPE-NOPE' }),
    });
    assert.match(String(r.headers['content-type']), /json/);
    const policy = permissions(r.headers['permissions-policy']);
    for (const feature of DENIED) assert.equal(policy.get(feature), '()', feature);
    assert.equal(r.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
  });
});
