// Every page the store shows, public and admin, crawled over real HTTP from a
// demo store: element ids are unique, and every label and ARIA reference points
// at an element that exists. A label whose `for` names an id twice on the page
// sends the click, and the screen reader, to the wrong input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { addDemoProducts } from '../src/features/catalog/demo-products.js';
import { emailsTo, pathsIn } from '../src/features/delivery/testing.js';
import { requestLoginLink } from '../src/features/library/request-login-link.js';
import { addDemoLicensedProduct } from '../src/features/licensing/demo.js';
import { addDemoMemberships } from '../src/features/memberships/demo.js';
import { addDemoPosts } from '../src/features/posts/demo.js';
import { buildTestApp, setUpStore, type TestApp } from '../src/testing/app.js';
import { HttpClient } from '../src/testing/http.js';

type PageCheck = { problems: string[]; links: string[] };

/** Parses one page: duplicate ids, dangling `label for` and aria references, and the links it holds. */
export function checkPage(html: string): PageCheck {
  const seen = new Map<string, number>();
  const refs: { attr: string; id: string }[] = [];
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id !== undefined) seen.set(attrs.id, (seen.get(attrs.id) ?? 0) + 1);
        if (name === 'label' && attrs.for !== undefined) refs.push({ attr: 'label for', id: attrs.for });
        for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-errormessage']) {
          for (const id of (attrs[attr] ?? '').split(/\s+/).filter(Boolean)) refs.push({ attr, id });
        }
        if (name === 'a' && attrs.href) links.push(attrs.href);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: false },
  );
  parser.write(html);
  parser.end();
  const problems: string[] = [];
  for (const [id, count] of seen) if (count > 1) problems.push(`id "${id}" appears ${count} times`);
  for (const r of refs) if (!seen.has(r.id)) problems.push(`${r.attr}="${r.id}" points at no element`);
  return { problems, links };
}

/** Same-origin GET pages worth checking: no downloads, feeds, media, signed links or language switches. */
function crawlable(href: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href, `${base}/`);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  const path = url.pathname;
  if (/\.(csv|xml|json|zip|pdf|svg|png|jpe?g|webp|ico|txt)$/i.test(path)) return undefined;
  if (/^\/(assets|media|d|lang|api|v2|healthz)(\/|$)/.test(path)) return undefined;
  if (/logout|\/html$|\/download|\/export/.test(path)) return undefined;
  if (url.searchParams.has('s') || url.searchParams.has('e')) return undefined; // signed links
  url.hash = '';
  return url.pathname + url.search;
}

const MAX_PAGES = 250;
/** Pages a crawl from `/` and `/admin` may not reach by links, or only with data. */
const SEEDS = [
  '/',
  '/posts',
  '/membership',
  '/join',
  '/library',
  '/withdraw',
  '/cancel-contracts',
  '/impressum',
  '/admin',
  '/admin/analytics',
  '/admin/analytics/effort',
  '/admin/tax',
  '/admin/products/new',
  '/admin/posts/new',
  '/admin/discounts/new',
  '/admin/memberships/tiers/new',
  '/admin/account',
  '/admin/privacy',
  '/admin/legal/impressum',
];

describe('every page: unique ids, labels and ARIA references that resolve', () => {
  let t: TestApp;
  let admin: HttpClient;
  /** The buyer's browser: checkout, payment and thank-you pages. */
  let visitor: HttpClient;
  let buyerPages: string[] = [];
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { demo: true });
    await addDemoProducts(t.services);
    await addDemoLicensedProduct(t.services);
    await addDemoMemberships(t.services);
    await addDemoPosts(t.services.database.db);
    admin = await HttpClient.listen(t.app);
    await admin.login();
    // A paid order (the licensed plugin, through the test provider), so order, customer and key pages exist.
    const { db } = t.services.database;
    const plugin = await db
      .selectFrom('products')
      .select('id')
      .where('slug', '=', 'focus-timer-plugin')
      .executeTakeFirstOrThrow();
    const buyer = admin.fresh();
    const checkout = await buyer.postForm(
      '/checkout',
      { productId: plugin.id, digitalConsent: '1', email: 'buyer@example.com' },
      { formPage: `/checkout?product=${plugin.id}` },
    );
    assert.equal(checkout.status, 303, 'checkout starts');
    // Redirects may name the configured public address; the path is what a browser would load here.
    const local = (location: string | undefined) => {
      const u = new URL(location ?? '/', admin.base);
      return u.pathname + u.search;
    };
    const payPage = local(checkout.location);
    const paid = await buyer.postForm(payPage, { outcome: 'pay', cardCountry: '' });
    assert.equal(paid.status, 303, 'the test payment goes through');
    await t.drainJobs();
    buyerPages = [`/checkout?product=${plugin.id}`, payPage, local(paid.location)];
    // The buyer signs in to the library from an emailed link (a page with a button).
    const { config } = t.services;
    assert.ok(await requestLoginLink(db, { email: 'buyer@example.com', locale: 'en', publicUrl: config.publicUrl }));
    const mails = await emailsTo(t.services, 'buyer@example.com');
    const link = mails
      .flatMap((m) => pathsIn(m.text, config.publicUrl))
      .findLast((p) => p.startsWith('/library/auth/'));
    assert.ok(link, 'a sign-in link was emailed');
    buyerPages.push(link);
    assert.equal((await buyer.postForm(link, {})).status, 303, 'the buyer is signed in to the library');
    buyerPages.push('/library', '/library/data', '/library/membership');
    // A newsletter sign-up, so the members list has someone to open.
    const reader = await admin
      .fresh()
      .postForm('/join', { email: 'reader@example.com', name: 'Reader', consent: 'yes' });
    assert.ok(reader.status < 400, `sign-up answers ${reader.status}`);
    visitor = buyer;
  });
  after(() => t.close());

  test('the checker itself finds a duplicate id, a dangling label and a dangling aria reference', () => {
    const { problems } = checkPage(
      '<label for="a">A</label><input id="a"><input id="a"><label for="b">B</label><p aria-describedby="x y" id="x"></p>',
    );
    assert.deepEqual(problems, [
      'id "a" appears 2 times',
      'label for="b" points at no element',
      'aria-describedby="y" points at no element',
    ]);
  });

  test('crawling the store and the admin finds no duplicate id and no dangling reference', async () => {
    const base = admin.base;
    const queue: { path: string; as: 'admin' | 'visitor' }[] = [...SEEDS, ...buyerPages].map((path) => ({
      path,
      as: path.startsWith('/admin') ? 'admin' : 'visitor',
    }));
    // Signed out: the sign-in and password-reset pages.
    const stranger = admin.fresh();
    for (const path of ['/admin/login', '/admin/password-reset', '/admin/analytics']) {
      const res = await stranger.get(path);
      if (res.status >= 500) throw new Error(`${path}: ${res.status}`);
      if (res.status === 200) for (const p of checkPage(res.body).problems) throw new Error(`${path}: ${p}`);
    }
    // The same public pages as the signed-in owner sees them (edit links, previews).
    queue.push({ path: '/', as: 'admin' });
    const seen = new Set(queue.map((q) => `${q.as} ${q.path}`));
    const failures: string[] = [];
    const errors: string[] = [];
    let checked = 0;
    while (queue.length > 0 && checked < MAX_PAGES) {
      const { path, as } = queue.shift() as (typeof queue)[number];
      const res = await (as === 'admin' ? admin : visitor).get(path);
      if (res.status >= 500) errors.push(`${as} ${path}: ${res.status}`);
      if (res.status >= 300 && res.status < 400 && res.location) {
        const next = crawlable(res.location, base);
        if (next && !seen.has(`${as} ${next}`)) {
          seen.add(`${as} ${next}`);
          queue.push({ path: next, as });
        }
        continue;
      }
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      checked++;
      const page = checkPage(res.body);
      for (const p of page.problems) failures.push(`${as} ${path}: ${p}`);
      for (const href of page.links) {
        const next = crawlable(href, base);
        // Lists repeat their pages with filters and page numbers: one variant of each path is enough.
        const key = next && `${as} ${next.split('?')[0]}`;
        if (!next || !key || seen.has(key) || seen.has(`${as} ${next}`)) continue;
        seen.add(key);
        seen.add(`${as} ${next}`);
        queue.push({ path: next, as });
      }
    }
    if (process.env.HTML_IDS_DUMP)
      (await import('node:fs')).writeFileSync(process.env.HTML_IDS_DUMP, [...seen].join('\n'));
    assert.deepEqual(errors, [], 'no page fails');
    assert.deepEqual(failures, []);
    assert.ok(checked >= 40, `checked only ${checked} pages`);
    const paths = [...seen].join('\n');
    for (const expected of [
      /^admin \/admin\/products\/[0-9a-f-]{36}$/m,
      /^admin \/admin\/posts\/[0-9a-f-]{36}/m,
      /^admin \/admin\/orders\/[0-9a-f-]{36}$/m,
      /^admin \/admin\/emails\/[0-9a-f-]{36}$/m,
      /^admin \/admin\/members\/[0-9a-f-]{36}$/m,
      /^visitor \/p\/[a-z0-9-]+$/m,
      /^visitor \/posts\/[a-z0-9-]+$/m,
      /^visitor \/library\/orders\/[0-9a-f-]{36}/m,
    ])
      assert.match(paths, expected);
  });

  test('forms sent back with errors keep unique ids and resolvable references', async () => {
    const stranger = admin.fresh();
    const cases: [HttpClient, string, Record<string, string>, string?][] = [
      [stranger, '/join', { email: 'not an address', name: '', consent: '' }],
      [stranger, '/library/login', { email: 'not an address' }, '/library'],
      [stranger, '/withdraw', { email: '', order: '' }],
      [stranger, '/cancel-contracts', { email: '', requestedEnd: '2026-02-31' }],
      [admin, '/admin/analytics/effort', { productId: '', day: '2026-02-31', hours: 'x', category: '' }],
      [admin, '/admin/analytics/client-work', { day: '2026-13-45', hours: '', amount: '' }, '/admin/analytics/effort'],
      [admin, '/admin/analytics/leave', { startDay: '2026-03-02', endDay: '2026-03-01' }, '/admin/analytics/effort'],
      [admin, '/admin/discounts', { code: '' }, '/admin/discounts/new'],
      [admin, '/admin/memberships/tiers', { name: '' }, '/admin/memberships/tiers/new'],
    ];
    const failures: string[] = [];
    for (const [client, path, fields, formPage] of cases) {
      const res = await client.postForm(path, fields, formPage ? { formPage } : {});
      if (res.status >= 500) failures.push(`${path}: ${res.status}`);
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      for (const p of checkPage(res.body).problems) failures.push(`${path} (sent back): ${p}`);
    }
    assert.deepEqual(failures, []);
  });
});
