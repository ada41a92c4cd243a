import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../web/assets.js';
import type { PageContext } from '../../web/context.js';
import { LanguageSwitch } from '../../web/layout.js';

/** TEST / LIVE on every admin page, so nobody mistakes test orders for sales (or the other way round). */
function PaymentModeBadge({ ctx }: { ctx: PageContext }) {
  const mode = ctx.paymentMode;
  if (!mode) return null;
  const kind = mode.broken ? 'broken' : mode.live ? 'live' : 'test';
  return (
    <a class={`mode-badge mode-${kind}`} href="/admin/payments" title={ctx.t(`payments.badge.${kind}Hint`)}>
      {ctx.t(`payments.badge.${kind}`)}
    </a>
  );
}

function covers(path: string, href: string): boolean {
  const p = path.split('?')[0] ?? path;
  return href === '/admin' ? p === '/admin' : p === href || p.startsWith(`${href}/`);
}

/** The one link the page belongs to: the longest that covers its path (payouts under affiliates marks payouts only). */
function currentHref(path: string, hrefs: readonly string[]): string | undefined {
  return hrefs.filter((h) => covers(path, h)).sort((a, b) => b.length - a.length)[0];
}

/** The admin frame: a sidebar with every section, the page on the right. */
export function AdminLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const nav = ctx.adminNav ?? [];
  const current = currentHref(
    ctx.path,
    nav.map((n) => n.href),
  );
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${ctx.storeName}`}</title>
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('app.css')} />
      </head>
      <body>
        <a class="skip" href="#main">
          {ctx.t('shell.skip')}
        </a>
        <div class="admin">
          <nav class="admin-nav" aria-label={ctx.t('admin.nav.label')}>
            <a class="brand" href="/admin">
              {ctx.storeName}
            </a>
            {nav.map((n) => (
              <a href={n.href} aria-current={n.href === current ? 'page' : undefined}>
                {ctx.t(n.label)}
              </a>
            ))}
            <a href="/">{ctx.t('admin.nav.viewStore')}</a>
            <span class="spacer" />
            <LanguageSwitch ctx={ctx} />
            <form method="post" action="/admin/logout">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit" class="secondary">
                {ctx.t('auth.logout')}
              </button>
            </form>
          </nav>
          <main id="main" class="admin-main">
            <div class="admin-top">
              <h1>{title}</h1>
              <PaymentModeBadge ctx={ctx} />
            </div>
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
