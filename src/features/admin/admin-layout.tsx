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

function isCurrent(path: string, href: string): boolean {
  const p = path.split('?')[0] ?? path;
  return href === '/admin' ? p === '/admin' : p === href || p.startsWith(`${href}/`);
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
            {(ctx.adminNav ?? []).map((n) => (
              <a href={n.href} aria-current={isCurrent(ctx.path, n.href) ? 'page' : undefined}>
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
