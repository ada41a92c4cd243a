import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildTestApp, type TestApp } from '../../testing/app.js';
import { HttpClient, httpRequest } from '../../testing/http.js';

/**
 * Not part of the public API though under /api/v1: the licence API (the
 * shapes of Lemon Squeezy's, without a token), the payment provider's webhook,
 * and the document and its page themselves.
 */
const OTHERS = [/^\/api\/v1\/licenses\//, /^\/api\/v1\/payments\//, /^\/api\/v1\/(openapi\.json|docs)$/];

/** Every /api/v1 route Fastify knows, as 'METHOD /path/{param}', read from its route tree. */
function registeredRoutes(t: TestApp): string[] {
  const paths: string[] = [];
  const routes: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    paths[depth] = (depth > 0 ? (paths[depth - 1] ?? '') : '') + m[2]!;
    const path = paths[depth]!.replace(/^\/\//, '/').replace(/:(\w+)/g, '{$1}');
    if (!m[3] || !path.startsWith('/api/v1/') || OTHERS.some((o) => o.test(path))) continue;
    for (const method of m[3].split(', '))
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${path}`);
  }
  return routes.sort();
}

/**
 * The OpenAPI document is made from the routes' own zod schemas: it is a valid
 * OpenAPI 3.1 document, lists every route (and only those), says which scope
 * each needs, and the reference page is rendered from it without scripts.
 */
describe('the OpenAPI document and the reference page', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp();
    base = (await HttpClient.listen(t.app)).base;
  });
  after(() => t.close());

  test('a valid OpenAPI 3.1 document with every /api/v1 route, its scope, bearer security and tags', async () => {
    const res = await httpRequest(base, '/api/v1/openapi.json');
    assert.equal(res.status, 200);
    const doc = JSON.parse(res.body);
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));

    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const routes = registeredRoutes(t);
    assert.ok(routes.length >= 10, `found only ${routes.join(', ')}`);
    assert.deepEqual(documented, routes);

    assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
    const refund = doc.paths['/api/v1/orders/{id}/refund'].post;
    assert.deepEqual(refund.security, [{ bearer: ['orders:write'] }]);
    assert.deepEqual(refund.tags, ['Orders']);
    const list = doc.paths['/api/v1/orders'].get;
    const params = list.parameters.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(params, ['email', 'limit', 'starting_after', 'status']);
    assert.ok(doc.components.schemas.Order.properties.total_minor, 'answers are described by their schemas');
    assert.equal(doc.components.schemas.Order.properties.access_key, undefined, 'only public fields');
    assert.equal(
      refund.responses['422'].content['application/problem+json'].schema.$ref,
      '#/components/schemas/Problem',
    );
    assert.ok(doc.components.schemas.Problem.properties.status);
    assert.ok(list.responses['401'] && list.responses['429'] && !list.responses['422']);
    assert.deepEqual(
      refund.parameters.filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name),
      ['Idempotency-Key'],
    );
    assert.equal(doc.components.schemas.OrderInput, undefined, 'no schema that nothing uses');
  });

  test('the reference page shows each endpoint with its method, path, scope, parameters and fields, and no script', async () => {
    const res = await httpRequest(base, '/api/v1/docs');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<code>POST \/api\/v1\/orders\/\{id\}\/refund<\/code>/);
    assert.match(res.body, /<code>orders:write<\/code>/);
    assert.match(res.body, /<code>starting_after \(query\)<\/code>/);
    assert.match(res.body, /<code>refunded_minor<\/code>/);
    assert.match(
      res.body,
      /<code>paid_at<\/code><\/td><td><code>string \| null<\/code><\/td><td>yes<\/td><td>ISO 8601 instant/,
    );
    assert.match(
      res.body,
      /<code>limit \(query\)<\/code><\/td><td><code>integer<\/code><\/td><td><\/td><td>How many items/,
    );
    assert.match(
      String(res.headers['content-security-policy']),
      /style-src 'self'/,
      'a page’s policy, so its stylesheet loads',
    );
    assert.doesNotMatch(res.body, /<script/);
    assert.doesNotMatch(res.body, /https?:\/\/(?!127\.0\.0\.1)[^"]*\.(js|css)"/);
  });
});
