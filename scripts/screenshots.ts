// `npm run screenshots`: starts the demo store (in each language) on a free 127.0.0.1 port in a
// temporary data folder, signs in as its admin and takes a full-page screenshot of every public and admin page
// in both languages at 1280 and 390 px wide, into screenshots/<lang>-<width>/<page-name>.png,
// then stops the server. Pages are listed below; the admin navigation is read as well, so a new
// admin page is not missed (the script says which it found there that the list lacks).
//
//   npm run screenshots                    everything
//   npm run screenshots -- admin-orders    only pages whose name contains one of the words
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const LANGS = ['en', 'de'] as const;
const WIDTHS = [1280, 390] as const;
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

type Login = { login: string; password: string };
type Shot = { name: string; path: string };

/** Pages reached by address; `{…}` parts are found on the store (see `discover`). */
const PUBLIC_PAGES: Shot[] = [
  { name: 'home', path: '/' },
  { name: 'product-ebook', path: '{product:ebook}' },
  { name: 'product-bundle', path: '{product:bundle}' },
  { name: 'product-plugin', path: '{product:plugin}' },
  { name: 'product-checklist', path: '{product:free}' },
  { name: 'product-course', path: '{product:course}' },
  { name: 'course-preview-lesson', path: '{preview-lesson}' },
  { name: 'product-event', path: '{product:event}' },
  { name: 'checkout-event-choice', path: '/checkout?product={eventId}' },
  { name: 'checkout-event', path: '/checkout?product={eventId}&choice={eventChoice}' },
  { name: 'event-waitlist', path: '/events/{eventId}/waitlist?session={eventSession}' },
  { name: 'product-booking', path: '{product:booking}' },
  { name: 'checkout-booking-choice', path: '/checkout?product={bookingId}&d.tz=America%2FNew_York' },
  { name: 'product-podcast', path: '{product:podcast}' },
  { name: 'checkout', path: '/checkout?product={productId:0}' },
  { name: 'membership', path: '/membership' },
  { name: 'membership-subscribe', path: '/membership/subscribe?tier={tier}&interval=month' },
  { name: 'join', path: '/join' },
  { name: 'posts', path: '/posts' },
  { name: 'post-public', path: '{post:0}' },
  { name: 'post-paid', path: '{post:1}' },
  { name: 'post-review', path: '{post:2}' },
  { name: 'library-sign-in', path: '/library' },
  { name: 'partner-apply', path: '/partner/apply' },
  { name: 'partner-sign-in', path: '/partner' },
  { name: 'legal-impressum', path: '/impressum' },
  { name: 'legal-privacy', path: '/privacy' },
  { name: 'legal-terms', path: '/terms' },
  { name: 'legal-withdrawal', path: '/withdrawal' },
  { name: 'legal-accessibility', path: '/accessibility' },
  { name: 'withdrawal-form', path: '/withdraw' },
  { name: 'not-found', path: '/p/no-such-product' },
  { name: 'admin-login', path: '/admin/login' },
  { name: 'admin-password-reset', path: '/admin/password-reset' },
];

const ADMIN_PAGES: Shot[] = [
  { name: 'admin-dashboard', path: '/admin' },
  { name: 'admin-analytics', path: '/admin/analytics?range=365' },
  { name: 'admin-analytics-sales', path: '/admin/analytics/sales?range=365' },
  { name: 'admin-analytics-products', path: '/admin/analytics/products?range=365' },
  { name: 'admin-analytics-countries', path: '/admin/analytics/countries?range=365' },
  { name: 'admin-analytics-members', path: '/admin/analytics/members?range=365' },
  { name: 'admin-analytics-effort', path: '/admin/analytics/effort' },
  { name: 'admin-orders', path: '/admin/orders' },
  { name: 'admin-order', path: '{link:/admin/orders:/admin/orders/[0-9a-f-]+$}' },
  { name: 'admin-order-refunded', path: '{link:/admin/orders?status=refunded:/admin/orders/[0-9a-f-]+$}' },
  { name: 'admin-customers', path: '/admin/customers' },
  { name: 'admin-customer', path: '{link:/admin/customers:/admin/customers/[0-9a-f-]+$}' },
  { name: 'admin-products', path: '/admin/products' },
  { name: 'admin-product-new', path: '/admin/products/new' },
  { name: 'admin-product', path: '{link:/admin/products:/admin/products/[0-9a-f-]+$}' },
  { name: 'admin-licenses', path: '/admin/licenses' },
  { name: 'admin-license', path: '{link:/admin/licenses:/admin/licenses/[0-9a-f-]+$}' },
  { name: 'admin-discounts', path: '/admin/discounts' },
  { name: 'admin-discount-new', path: '/admin/discounts/new' },
  { name: 'admin-memberships', path: '/admin/memberships' },
  { name: 'admin-tier-new', path: '/admin/memberships/tiers/new' },
  { name: 'admin-tier', path: '{link:/admin/memberships:/admin/memberships/tiers/[0-9a-f-]+$}' },
  { name: 'admin-members', path: '/admin/members' },
  { name: 'admin-member', path: '{link:/admin/members:/admin/members/[0-9a-f-]+$}' },
  { name: 'admin-courses', path: '/admin/courses' },
  { name: 'admin-course', path: '{link:/admin/courses:/admin/courses/[0-9a-f-]+$}' },
  { name: 'admin-course-students', path: '{link:/admin/courses:/admin/courses/[0-9a-f-]+$}/students' },
  { name: 'course-overview-as-admin', path: '{course-learn}' },
  { name: 'course-lesson-as-admin', path: '{course-learn}/{first-lesson}' },
  { name: 'admin-course-questions', path: '/admin/course-questions' },
  { name: 'admin-events', path: '/admin/events' },
  { name: 'admin-event', path: '/admin/events/{eventId}' },
  { name: 'admin-event-attendees', path: '/admin/events/{eventId}/attendees' },
  { name: 'admin-bookings', path: '/admin/bookings' },
  { name: 'admin-bookings-availability', path: '/admin/bookings/availability' },
  { name: 'admin-booking-types', path: '/admin/bookings/types' },
  { name: 'admin-booking-type', path: '/admin/bookings/types/{bookingId}' },
  { name: 'admin-podcasts', path: '/admin/podcasts' },
  { name: 'admin-podcast-show', path: '/admin/podcasts/{podcastId}' },
  {
    name: 'admin-podcast-episode',
    path: '{link:/admin/podcasts/{podcastId}:/admin/podcasts/[0-9a-f-]+/episodes/[0-9a-f-]+$}',
  },
  { name: 'admin-podcast-alerts', path: '/admin/podcasts/alerts' },
  { name: 'admin-posts', path: '/admin/posts' },
  { name: 'admin-post-new', path: '/admin/posts/new' },
  { name: 'admin-post', path: '{link:/admin/posts:/admin/posts/[0-9a-f-]+$}' },
  { name: 'admin-post-recipients', path: '{link:/admin/posts:/admin/posts/[0-9a-f-]+$}/recipients?status=sent' },
  { name: 'admin-emails', path: '/admin/emails' },
  { name: 'admin-email', path: '{link:/admin/emails:/admin/emails/[0-9a-f-]+$}' },
  { name: 'admin-invoices', path: '/admin/invoices' },
  { name: 'admin-affiliates', path: '/admin/affiliates' },
  { name: 'admin-affiliate', path: '{link:/admin/affiliates:/admin/affiliates/[0-9a-f-]+$}' },
  { name: 'admin-affiliate-payouts', path: '/admin/affiliates/payouts' },
  { name: 'admin-imports', path: '/admin/imports' },
  { name: 'admin-legal', path: '/admin/legal' },
  { name: 'admin-legal-impressum', path: '/admin/legal/impressum' },
  { name: 'admin-legal-terms-de', path: '/admin/legal/pages/terms/de' },
  { name: 'admin-tax', path: '/admin/tax' },
  { name: 'admin-payments', path: '/admin/payments' },
  { name: 'admin-privacy', path: '/admin/privacy' },
  { name: 'admin-api-tokens', path: '/admin/api-tokens' },
  { name: 'api-docs', path: '/api/v1/docs' },
  { name: 'admin-webhooks', path: '/admin/webhooks' },
  { name: 'admin-webhook', path: '{link:/admin/webhooks:/admin/webhooks/[0-9a-f-]+$}' },
  { name: 'admin-jobs', path: '/admin/jobs' },
  { name: 'admin-audit', path: '/admin/audit' },
  { name: 'admin-store', path: '/admin/store' },
  { name: 'admin-account', path: '/admin/account' },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The demo store as `npm run dev` runs it, with JSON logs (no terminal); resolves with the admin login. */
async function startDemo(
  dataDir: string,
  port: number,
  lang: (typeof LANGS)[number],
): Promise<{ child: ChildProcess; login: Login }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      VIELFACH_DEMO: lang,
      LOG_LEVEL: 'info',
      EXCHANGE_RATES_FETCH: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const t0 = Date.now();
  for (;;) {
    const line = output.split('\n').find((l) => l.includes('"kind":"demo"'));
    if (line) {
      const note = JSON.parse(line) as Login;
      return { child, login: { login: note.login, password: note.password } };
    }
    if (child.exitCode !== null) throw new Error(`the demo store exited with ${child.exitCode}:\n${output}`);
    if (Date.now() - t0 > 120_000) throw new Error(`the demo store did not start within 120 s:\n${output}`);
    await sleep(100);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(25_000).then(() => child.kill('SIGKILL'))]);
}

async function signIn(page: Page, base: string, login: Login): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.locator('input[name="email"]').fill(login.login);
  await page.locator('input[name="password"]').fill(login.password);
  await Promise.all([page.waitForURL(`${base}/admin`), page.locator('form button[type="submit"]').first().click()]);
}

/** Fills the `{…}` parts of the page list from what the store shows. */
async function discover(page: Page, base: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await page.goto(`${base}/`);
  const products = await page.$$eval('a[href^="/p/"]', (as) => [
    ...new Set(as.map((a) => a.getAttribute('href') ?? '')),
  ]);
  // The demo's products by their slugs (English or German), else by their place on the home page.
  const slugs = {
    ebook: /sourdough|sauerteig/,
    bundle: /template|vorlagen/,
    plugin: /plugin/,
    free: /checklist/,
    course: /course|kurs/,
    event: /workshop/,
    booking: /consultation|beratung/,
    podcast: /studio-notes|atelier-notizen/,
  };
  for (const [key, slug] of Object.entries(slugs)) {
    found.set(`{product:${key}}`, products.find((p) => slug.test(p)) ?? products[0] ?? '/');
  }
  await page.goto(`${base}${found.get('{product:ebook}')}`);
  const productId = await page.locator('input[name="productId"]').first().getAttribute('value');
  found.set('{productId:0}', productId ?? '');
  await page.goto(`${base}${found.get('{product:event}')}`);
  found.set('{eventId}', (await page.locator('input[name="product"]').first().getAttribute('value')) ?? '');
  const choice = (await page.locator('input[name="choice"]').first().getAttribute('value')) ?? '';
  found.set('{eventSession}', choice.split('.')[1] ?? '');
  found.set('{eventChoice}', choice);
  await page.goto(`${base}${found.get('{product:booking}')}`);
  found.set('{bookingId}', (await page.locator('input[name="product"]').first().getAttribute('value')) ?? '');
  await page.goto(`${base}${found.get('{product:podcast}')}`);
  const subscribe = await page.$$eval('a[href^="/library/podcasts/"]', (as) =>
    as.map((a) => a.getAttribute('href') ?? ''),
  );
  found.set('{podcastId}', (subscribe[0] ?? '').split('/')[3] ?? '');
  await page.goto(`${base}${found.get('{product:course}')}`);
  const lessons = await page.$$eval('a[href^="/learn/"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  found.set('{preview-lesson}', lessons[0] ?? '/');
  found.set('{course-learn}', (lessons[0] ?? '/learn/x/y').split('/').slice(0, 3).join('/'));
  found.set('{first-lesson}', (lessons[0] ?? '').split('/')[3] ?? '');
  await page.goto(`${base}/posts`);
  const posts = await page.$$eval('a[href^="/posts/"]', (as) => [
    ...new Set(as.map((a) => a.getAttribute('href') ?? '').filter((h) => !h.endsWith('.xml'))),
  ]);
  for (const [i, p] of posts.reverse().entries()) found.set(`{post:${i}}`, p);
  await page.goto(`${base}/membership`);
  const tier = await page
    .locator('form[action="/membership/subscribe"] input[name="tier"]')
    .first()
    .getAttribute('value');
  found.set('{tier}', tier ?? '');
  return found;
}

/** `{link:LIST:PATTERN}`: the first link on the list page whose address matches the pattern (no braces in it). */
async function resolvePath(page: Page, base: string, path: string, found: Map<string, string>): Promise<string> {
  let out = path;
  for (const [k, v] of found) out = out.replaceAll(k, v);
  const m = /\{link:([^:]+):([^}]+)\}/.exec(out);
  if (!m?.[1] || !m[2]) return out;
  const key = m[0];
  if (!found.has(key)) {
    await page.goto(`${base}${m[1]}`);
    const pattern = new RegExp(`^${m[2]}`);
    const hrefs = await page.$$eval('a[href^="/admin/"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    found.set(key, hrefs.find((h) => pattern.test(h)) ?? m[1]);
  }
  return out.replace(key, found.get(key) ?? m[1]);
}

/** Pages wider than the window (a phone would scroll sideways), with the elements that stick out. */
const overflowing: string[] = [];

async function shoot(page: Page, dir: string, name: string): Promise<void> {
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  const width = page.viewportSize()?.width ?? 0;
  // A string, not a function: tsx would add helpers to a function that the page does not have.
  const wide = (await page.evaluate(`(() => {
    const w = ${width};
    const inScroller = (e) => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ')[0] : '');
    const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > w + 1);
    const outside = wide.filter((e) => !inScroller(e));
    const out = (outside.length ? outside : wide.slice(-3)).slice(0, 3).map(name);
    return { scroll: document.documentElement.scrollWidth, out };
  })()`)) as { scroll: number; out: string[] };
  if (wide.scroll > width) {
    overflowing.push(`${relative(outDir, dir)}/${name}: ${wide.scroll} px (${wide.out.join(', ')})`);
  }
}

const wanted = (name: string) => only.length === 0 || only.some((w) => name.includes(w));

/** Buys the plugin with the test provider: the payment page, then the thank-you page (downloads and a licence key). */
async function buyOnce(page: Page, base: string, dir: string, productPath: string): Promise<string> {
  await page.goto(`${base}${productPath}`);
  const form = page.locator('form[action="/checkout"]').first();
  await form.locator('input[name="email"]').fill('screenshot.buyer@example.com');
  for (const box of await form.locator('input[type="checkbox"]').all()) await box.check();
  await Promise.all([
    page.waitForURL(/\/pay\/test\//),
    form.locator('button[type="submit"]:not([name="step"])').last().click(),
  ]);
  if (wanted('pay-test')) await shoot(page, dir, 'pay-test');
  await Promise.all([page.waitForURL(/\/checkout\/orders\//), page.locator('button[value="pay"]').click()]);
  await sleep(1500); // the worker delivers; the page shows the downloads once it has
  await page.reload();
  if (wanted('thank-you')) await shoot(page, dir, 'thank-you');
  return 'screenshot.buyer@example.com';
}

/** Signs the buyer in to the library by the emailed link (read from the admin's outbox). */
async function libraryPages(page: Page, base: string, dir: string, email: string): Promise<void> {
  await page.goto(`${base}/library`);
  await page.locator('form[action="/library/login"] input[name="email"]').fill(email);
  await page.locator('form[action="/library/login"] button[type="submit"]').click();
  await page.waitForLoadState();
  if (wanted('library-link-sent')) await shoot(page, dir, 'library-link-sent');
  let link: string | undefined;
  for (let i = 0; i < 40 && !link; i++) {
    await page.goto(`${base}/admin/emails`);
    const first = await page.locator('a[href^="/admin/emails/"]').first().getAttribute('href');
    if (first) {
      await page.goto(`${base}${first}`);
      link = /\/library\/auth\/[A-Za-z0-9_-]+/.exec(await page.content())?.[0];
    }
    if (!link) await sleep(500);
  }
  if (!link) return console.warn('  no library link in the outbox: library pages skipped');
  await page.goto(`${base}${link}`);
  if (wanted('library-continue')) await shoot(page, dir, 'library-continue');
  await Promise.all([page.waitForURL(`${base}/library`), page.locator('form button[type="submit"]').first().click()]);
  if (wanted('library')) await shoot(page, dir, 'library');
  const order = await page.locator('a[href^="/library/orders/"]').first().getAttribute('href');
  if (order && wanted('library-order')) {
    await page.goto(`${base}${order}`);
    await shoot(page, dir, 'library-order');
  }
  for (const [name, path] of [
    ['library-data', '/library/data'],
    ['library-membership', '/library/membership'],
  ] as const) {
    if (!wanted(name)) continue;
    await page.goto(`${base}${path}`);
    await shoot(page, dir, name);
  }
}

/** Admin pages in the navigation that the list above does not have. */
async function unlisted(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}/admin`);
  const nav = await page.$$eval('nav a[href^="/admin"]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  const listed = new Set(ADMIN_PAGES.map((p) => p.path.split('?')[0]));
  return [...new Set(nav.map((h) => h.split('?')[0] ?? h))].filter((h) => !listed.has(h));
}

async function runVariant(browser: Browser, base: string, login: Login, lang: (typeof LANGS)[number], width: number) {
  const dir = join(outDir, `${lang}-${width}`);
  mkdirSync(dir, { recursive: true });
  const context: BrowserContext = await browser.newContext({
    viewport: { width, height: 900 },
    locale: lang === 'de' ? 'de-DE' : 'en-GB',
  });
  await context.addCookies([{ name: 'vf_lang', value: lang, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const found = await discover(page, base);
  for (const shot of PUBLIC_PAGES.filter((s) => wanted(s.name))) {
    await page.goto(`${base}${await resolvePath(page, base, shot.path, found)}`);
    await shoot(page, dir, shot.name);
  }
  const buyer = await buyOnce(page, base, dir, found.get('{product:plugin}') ?? '/');
  await signIn(page, base, login);
  await libraryPages(page, base, dir, buyer);
  const extra = await unlisted(page, base);
  const pages = [...ADMIN_PAGES, ...extra.map((path) => ({ name: `admin${path.replaceAll('/', '-')}`, path }))];
  for (const shot of pages.filter((s) => wanted(s.name))) {
    await page.goto(`${base}${await resolvePath(page, base, shot.path, found)}`);
    await shoot(page, dir, shot.name);
  }
  await context.close();
  return extra;
}

/** One language: its own demo store (content in that language), both widths. */
async function runLanguage(browser: Browser, lang: (typeof LANGS)[number]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vf-screenshots-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child, login } = await startDemo(dataDir, port, lang);
  try {
    for (const width of WIDTHS) {
      const extra = await runVariant(browser, base, login, lang, width);
      console.log(`${lang}-${width}: done${extra.length ? ` (also from the admin menu: ${extra.join(', ')})` : ''}`);
    }
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const lang of LANGS) await runLanguage(browser, lang);
  } finally {
    await browser.close();
  }
  if (overflowing.length) console.log(`Wider than the window:\n  ${overflowing.join('\n  ')}`);
  const where = relative(process.cwd(), outDir) || '.';
  console.log(`Screenshots in ${where}/<lang>-<width>/<page-name>.png (${Math.round((Date.now() - t0) / 1000)} s)`);
}

await main();
