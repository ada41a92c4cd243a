import { assetUrl } from '../../web/assets.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { showTierIds } from './access.js';
import type { ShowRow } from './queries.js';
import { type AppLinks, appLinks } from './subscribe-links.js';

type ListenerProps = {
  ctx: PageContext;
  show: ShowRow;
  feedUrl: string;
  qrSvg: string;
  suspended: boolean;
  rotated: boolean;
  rotatePath: string;
};

/** The listener's subscribe page: the private URL to copy, app buttons, QR code, how-to per app, a new URL. */
export function SubscribePage({ ctx, show, feedUrl, qrSvg, suspended, rotated, rotatePath }: ListenerProps) {
  const t = ctx.t;
  const title = t('podcasts.subscribe.title', { show: show.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb">
        <a href="/library">{t('podcasts.subscribe.back')}</a>
      </p>
      <h1>{title}</h1>
      {rotated && <Alert kind="success">{t('podcasts.subscribe.rotated')}</Alert>}
      {suspended ? (
        <Alert kind="error">{t('podcasts.subscribe.suspended')}</Alert>
      ) : (
        <>
          <p>{t('podcasts.subscribe.lead')}</p>
          <FeedUrl ctx={ctx} feedUrl={feedUrl} />
          <AppButtons ctx={ctx} links={appLinks(feedUrl)} />
          <section class="panel ticket-qr" aria-labelledby="h-qr">
            <h2 id="h-qr">{t('podcasts.subscribe.qr')}</h2>
            <p>{t('podcasts.subscribe.qrHint')}</p>
            {/* The SVG is made by the QR library from our own URL: no user input in it. */}
            <div
              class="qr"
              role="img"
              aria-label={t('podcasts.subscribe.qrAlt')}
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
          </section>
          <HowTo ctx={ctx} />
          <section class="panel" aria-labelledby="h-rotate">
            <h2 id="h-rotate">{t('podcasts.subscribe.rotateTitle')}</h2>
            <p>{t('podcasts.subscribe.rotateText')}</p>
            <Form ctx={ctx} action={rotatePath}>
              <button type="submit" class="secondary">
                {t('podcasts.subscribe.rotate')}
              </button>
            </Form>
          </section>
          <script src={assetUrl('podcast-subscribe.js')} />
        </>
      )}
    </Layout>
  );
}

function FeedUrl({ ctx, feedUrl }: { ctx: PageContext; feedUrl: string }) {
  const t = ctx.t;
  return (
    <div class="field">
      <label for="f-feed-url">{t('podcasts.subscribe.urlLabel')}</label>
      <div class="input-row">
        {/* The Copy button is added by podcast-subscribe.js. */}
        <input
          id="f-feed-url"
          type="text"
          readOnly
          value={feedUrl}
          aria-describedby="f-feed-url-hint"
          data-copy-label={t('podcasts.subscribe.copy')}
          data-copied-label={t('podcasts.subscribe.copied')}
        />
      </div>
      <p class="hint" id="f-feed-url-hint">
        {t('podcasts.subscribe.personal')}
      </p>
    </div>
  );
}

function AppButtons({ ctx, links }: { ctx: PageContext; links: AppLinks }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="h-apps">
      <h2 id="h-apps">{t('podcasts.subscribe.apps')}</h2>
      <p class="actions">
        <a class="btn" href={links.apple}>
          {t('podcasts.subscribe.apple')}
        </a>
        <a class="btn" href={links.overcast}>
          {t('podcasts.subscribe.overcast')}
        </a>
        <a class="btn" href={links.pocketCasts}>
          {t('podcasts.subscribe.pocketCasts')}
        </a>
      </p>
    </section>
  );
}

function HowTo({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <section class="panel" aria-labelledby="h-howto">
      <h2 id="h-howto">{t('podcasts.subscribe.howTo')}</h2>
      {(
        [
          ['podcasts.subscribe.apple', 'podcasts.subscribe.howApple'],
          ['podcasts.subscribe.overcast', 'podcasts.subscribe.howOvercast'],
          ['podcasts.subscribe.pocketCasts', 'podcasts.subscribe.howPocketCasts'],
          ['podcasts.subscribe.otherApps', 'podcasts.subscribe.howOther'],
        ] as const
      ).map(([app, how]) => (
        <>
          <h3>{t(app)}</h3>
          <p>{t(how)}</p>
        </>
      ))}
    </section>
  );
}

type NoAccessProps = { ctx: PageContext; show: ShowRow; reason: 'ended' | 'not-included' };

/** Why an address that heard the show (or is a member) cannot subscribe now, and where to renew. */
export function NoAccessPage({ ctx, show, reason }: NoAccessProps) {
  const t = ctx.t;
  const title = t(reason === 'ended' ? 'podcasts.subscribe.endedTitle' : 'podcasts.subscribe.notIncludedTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb">
        <a href="/library">{t('podcasts.subscribe.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {reason === 'ended' ? t('podcasts.subscribe.ended') : t('podcasts.subscribe.notIncluded', { show: show.title })}
      </p>
      <p class="actions">
        {showTierIds(show).length > 0 && (
          <a class="btn" href="/membership">
            {t('podcasts.subscribe.renew')}
          </a>
        )}
        {show.status === 'published' && (
          <a class="btn btn-secondary" href={`/p/${show.slug}`}>
            {t('podcasts.subscribe.buy')}
          </a>
        )}
      </p>
    </Layout>
  );
}
