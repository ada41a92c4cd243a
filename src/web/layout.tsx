import type { ComponentChildren } from 'preact';
import { LEGAL_LINKS, WITHDRAW_PATH } from '../features/legal/links.js';
import { CANCEL_CONTRACTS_PATH } from '../features/memberships/links.js';
import { assetUrl } from './assets.js';
import type { PageContext } from './context.js';
import { LOCALES } from './i18n.js';

type LayoutProps = {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Reload the page after this many seconds (waiting pages that work without JavaScript). */
  refreshSeconds?: number | undefined;
  /** Extra tags for the head (Open Graph, structured data). */
  head?: ComponentChildren;
  children: ComponentChildren;
};

function Head({ ctx, title, description, refreshSeconds, head }: Omit<LayoutProps, 'children'>) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title === ctx.storeName ? title : `${title} · ${ctx.storeName}`}</title>
      {description && <meta name="description" content={description} />}
      {refreshSeconds !== undefined && <meta http-equiv="refresh" content={String(refreshSeconds)} />}
      {head}
      <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
      <link rel="stylesheet" href={assetUrl('app.css')} />
    </head>
  );
}

export function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="lang" aria-label={ctx.t('shell.language')}>
      {LOCALES.map((l) => (
        <a
          href={`/lang/${l}?back=${encodeURIComponent(ctx.path)}`}
          lang={l}
          hreflang={l}
          aria-current={l === ctx.locale ? 'true' : undefined}
        >
          {ctx.t(`shell.lang.${l}`)}
        </a>
      ))}
    </nav>
  );
}

/** The public storefront frame. */
export function Layout({ ctx, title, description, refreshSeconds, head, children }: LayoutProps) {
  return (
    <html lang={ctx.locale}>
      <Head ctx={ctx} title={title} description={description} refreshSeconds={refreshSeconds} head={head} />
      <body>
        <a class="skip" href="#main">
          {ctx.t('shell.skip')}
        </a>
        <header class="site-header">
          <div class="wrap bar">
            <a class="brand" href="/">
              {ctx.storeName}
            </a>
            <div class="header-links">
              <a href="/posts">{ctx.t('posts.nav')}</a>
              <a href="/library">{ctx.t('shell.library')}</a>
              <LanguageSwitch ctx={ctx} />
            </div>
          </div>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap bar">
            <nav class="legal-nav" aria-label={ctx.t('legal.footer.label')}>
              {LEGAL_LINKS.map((l) => (
                <a href={l.path}>{ctx.t(l.label)}</a>
              ))}
              <a href={WITHDRAW_PATH}>{ctx.t('legal.withdrawButton')}</a>
              {/* § 312k BGB: the cancellation button, on every page, without login. */}
              <a href={CANCEL_CONTRACTS_PATH}>{ctx.t('memberships.terminate.footer')}</a>
              <a href="/join">{ctx.t('newsletter.nav')}</a>
            </nav>
            <span>{ctx.t('shell.poweredBy')}</span>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A small centred card page: set-up, login, errors. */
export function CardLayout({ ctx, title, children }: LayoutProps) {
  return (
    <html lang={ctx.locale}>
      <Head ctx={ctx} title={title} />
      <body class="card-page">
        <a class="skip" href="#main">
          {ctx.t('shell.skip')}
        </a>
        <main id="main" class="card">
          {children}
        </main>
        <LanguageSwitch ctx={ctx} />
      </body>
    </html>
  );
}
