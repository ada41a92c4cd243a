// Every page the store shows, public and admin, crawled over real HTTP from a
// demo store: element ids are unique, and every label and ARIA reference points
// at an element that exists. A label whose `for` names an id twice on the page
// sends the click, and the screen reader, to the wrong input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import type { HttpClient } from '../src/testing/http.js';
import { type CrawlStore, crawlSite, seedCrawlStore } from './crawl.js';

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

describe('every page: unique ids, labels and ARIA references that resolve', () => {
  let store: CrawlStore;
  let admin: HttpClient;
  before(async () => {
    store = await seedCrawlStore();
    admin = store.admin;
  });
  after(() => store?.t.close());

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
    const failures: string[] = [];
    const { seen, checked, errors } = await crawlSite(store, ({ as, path, html }) => {
      for (const p of checkPage(html).problems) failures.push(`${as} ${path}: ${p}`);
    });
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
