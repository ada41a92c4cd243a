// A demo store with data behind every page (products, a course with a quiz, a licence, memberships,
// posts, a paid order, a signed-in buyer, a newsletter member) and a crawl over
// real HTTP of every page it shows, public and admin. Shared by the page checks
// (unique ids, German without English texts).
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { addDemoProducts } from '../src/features/catalog/demo-products.js';
import { addDemoQuiz } from '../src/features/course-quizzes/demo.js';
import { addDemoCourse } from '../src/features/courses/demo.js';
import { emailsTo, pathsIn } from '../src/features/delivery/testing.js';
import { requestLoginLink } from '../src/features/library/request-login-link.js';
import { addDemoLicensedProduct } from '../src/features/licensing/demo.js';
import { addDemoMemberships } from '../src/features/memberships/demo.js';
import { addDemoPosts } from '../src/features/posts/demo.js';
import { buildTestApp, setUpStore, type TestApp } from '../src/testing/app.js';
import { HttpClient, type HttpResponse } from '../src/testing/http.js';
import type { Locale } from '../src/web/i18n.js';

export type CrawlStore = {
  t: TestApp;
  admin: HttpClient;
  /** The buyer's browser: checkout, payment, thank-you and library pages. */
  visitor: HttpClient;
  /** Pages only the buyer's own links reach. */
  buyerPages: string[];
};

/**
 * Builds the store in `locale` (its demo content in that language), signs the
 * admin in and, with `pageLocale`, switches both browsers to that language.
 */
export async function seedCrawlStore(opts: { locale?: Locale; pageLocale?: Locale } = {}): Promise<CrawlStore> {
  const t = await buildTestApp();
  try {
    return await seed(t, opts);
  } catch (err) {
    await t.close();
    throw err;
  }
}

async function seed(t: TestApp, opts: { locale?: Locale; pageLocale?: Locale }): Promise<CrawlStore> {
  await setUpStore(t.services, { demo: true, locale: opts.locale ?? 'en' });
  await addDemoProducts(t.services);
  await addDemoLicensedProduct(t.services);
  await addDemoMemberships(t.services);
  await addDemoPosts(t.services.database.db);
  await addDemoCourse(t.services.database.db);
  await addDemoQuiz(t.services.database.db);
  const admin = await HttpClient.listen(t.app);
  await admin.login();
  const buyer = admin.fresh();
  if (opts.pageLocale) for (const c of [admin, buyer]) await c.get(`/lang/${opts.pageLocale}`);
  // A paid order (the licensed plugin, through the test provider), so order, customer and key pages exist.
  const { db } = t.services.database;
  const plugin = await db
    .selectFrom('products')
    .select('id')
    .where('slug', 'in', ['focus-timer-plugin', 'fokus-timer-plugin'])
    .executeTakeFirstOrThrow();
  const checkout = await buyer.postForm(
    '/checkout',
    { productId: plugin.id, digitalConsent: '1', email: 'buyer@example.com' },
    { formPage: `/checkout?product=${plugin.id}` },
  );
  assert.equal(checkout.status, 303, 'checkout starts');
  const payPage = localPath(checkout.location, admin.base);
  const paid = await buyer.postForm(payPage, { outcome: 'pay', cardCountry: '' });
  assert.equal(paid.status, 303, 'the test payment goes through');
  await t.drainJobs();
  const buyerPages = [`/checkout?product=${plugin.id}`, payPage, localPath(paid.location, admin.base)];
  // The buyer signs in to the library from an emailed link (a page with a button).
  const { config } = t.services;
  const locale = opts.pageLocale ?? 'en';
  assert.ok(await requestLoginLink(db, { email: 'buyer@example.com', locale, publicUrl: config.publicUrl }));
  const mails = await emailsTo(t.services, 'buyer@example.com');
  const link = mails.flatMap((m) => pathsIn(m.text, config.publicUrl)).findLast((p) => p.startsWith('/library/auth/'));
  assert.ok(link, 'a sign-in link was emailed');
  buyerPages.push(link);
  assert.equal((await buyer.postForm(link, {})).status, 303, 'the buyer is signed in to the library');
  buyerPages.push('/library', '/library/data', '/library/membership');
  // A newsletter sign-up, so the members list has someone to open.
  const reader = await admin.fresh().postForm('/join', { email: 'reader@example.com', name: 'Reader', consent: 'yes' });
  assert.ok(reader.status < 400, `sign-up answers ${reader.status}`);
  return { t, admin, visitor: buyer, buyerPages };
}

/** Redirects may name the configured public address; the path is what a browser would load here. */
function localPath(location: string | undefined, base: string): string {
  const u = new URL(location ?? '/', base);
  return u.pathname + u.search;
}

/** Same-origin GET pages worth checking: no downloads, feeds, media, signed links or language switches. */
export function crawlable(href: string, base: string): string | undefined {
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

/** Pages a crawl from `/` and `/admin` may not reach by links, or only with data. */
export const SEEDS = [
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

/** Signed-out pages: sign-in, password reset, and what a stranger sees of the admin. */
export const SIGNED_OUT = ['/admin/login', '/admin/password-reset', '/admin/analytics'];

export type CrawledPage = { as: 'admin' | 'visitor' | 'stranger'; path: string; html: string };
export type CrawlResult = { seen: Set<string>; checked: number; errors: string[] };

/**
 * Visits every page reachable from the seeds, each HTML page once (lists once
 * per path, not per filter or page number), and hands it to `onPage`.
 */
export async function crawlSite(
  store: CrawlStore,
  onPage: (page: CrawledPage) => void,
  maxPages = 250,
): Promise<CrawlResult> {
  const { admin, visitor, buyerPages } = store;
  const base = admin.base;
  const errors: string[] = [];
  const stranger = admin.fresh();
  const lang = /vf_lang=(\w+)/.exec(admin.cookieHeader)?.[1];
  if (lang) await stranger.get(`/lang/${lang}`);
  for (const path of SIGNED_OUT) {
    const res = await stranger.get(path);
    if (res.status >= 500) errors.push(`stranger ${path}: ${res.status}`);
    if (res.status === 200) onPage({ as: 'stranger', path, html: res.body });
  }
  const queue: { path: string; as: 'admin' | 'visitor' }[] = [...SEEDS, ...buyerPages].map((path) => ({
    path,
    as: path.startsWith('/admin') ? 'admin' : 'visitor',
  }));
  // The same public pages as the signed-in owner sees them (edit links, previews).
  queue.push({ path: '/', as: 'admin' });
  const seen = new Set(queue.map((q) => `${q.as} ${q.path}`));
  let checked = 0;
  while (queue.length > 0 && checked < maxPages) {
    const { path, as } = queue.shift() as (typeof queue)[number];
    const res: HttpResponse = await (as === 'admin' ? admin : visitor).get(path);
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
    onPage({ as, path, html: res.body });
    for (const href of linksIn(res.body)) {
      const next = crawlable(href, base);
      // Lists repeat their pages with filters and page numbers: one variant of each path is enough.
      const key = next && `${as} ${next.split('?')[0]}`;
      if (!next || !key || seen.has(key) || seen.has(`${as} ${next}`)) continue;
      seen.add(key);
      seen.add(`${as} ${next}`);
      queue.push({ path: next, as });
    }
  }
  return { seen, checked, errors };
}

function linksIn(html: string): string[] {
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'a' && attrs.href) links.push(attrs.href);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return links;
}
