import type { MembershipTier, Subscription } from '../../db/schema.js';
import { formatMoney } from '../../domain/money.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import type { Portal, PortalSubscription } from './load-portal.js';
import { INTERVALS, tierPrice } from './tiers.js';

export function SubscriptionBadge({ ctx, sub }: { ctx: PageContext; sub: Subscription }) {
  if (sub.cancel_at_period_end && sub.status !== 'expired') {
    const date = sub.current_period_end ? formatDateTime(sub.current_period_end, ctx.locale, ctx.timeZone) : '';
    return <span class="badge neutral">{ctx.t('memberships.sub.canceled', { date })}</span>;
  }
  const cls = sub.status === 'active' ? 'paid' : sub.status === 'past_due' ? 'pending' : 'failed';
  return <span class={`badge ${cls}`}>{ctx.t(`memberships.sub.${sub.status}`)}</span>;
}

function priceText(ctx: PageContext, sub: Pick<Subscription, 'price_minor' | 'currency' | 'interval'>) {
  const amount = formatMoney(sub.price_minor, sub.currency, ctx.locale);
  return ctx.t(sub.interval === 'month' ? 'memberships.public.perMonth' : 'memberships.public.perYear', { amount });
}

function SubscriptionPanel({ ctx, item, portal }: { ctx: PageContext; item: PortalSubscription; portal: Portal }) {
  const t = ctx.t;
  const { sub, tier, payments } = item;
  const live = sub.status === 'active' || sub.status === 'past_due';
  const end = sub.current_period_end ? formatDateTime(sub.current_period_end, ctx.locale, ctx.timeZone) : '';
  return (
    <section class="panel" aria-labelledby={`h-sub-${sub.id}`}>
      <div class="library-order-head">
        <h2 id={`h-sub-${sub.id}`}>{tier?.name ?? ''}</h2>
        <SubscriptionBadge ctx={ctx} sub={sub} />
      </div>
      <p>{priceText(ctx, sub)}</p>
      {live && sub.current_period_end && (
        <p class="muted">
          {t(sub.cancel_at_period_end ? 'memberships.portal.endsOn' : 'memberships.portal.renewsOn', { date: end })}
        </p>
      )}
      {sub.status === 'past_due' && <Alert kind="error">{t('memberships.portal.pastDue')}</Alert>}
      {item.pendingTier && sub.pending_interval && (
        <p class="hint">
          {t('memberships.portal.pendingChange', {
            tier: item.pendingTier.name,
            interval: t(sub.pending_interval === 'month' ? 'memberships.public.monthly' : 'memberships.public.yearly'),
          })}
        </p>
      )}
      {live && !sub.cancel_at_period_end && (
        <>
          {sub.provider === 'test' && portal.paidTiers.length > 0 && (
            <Form ctx={ctx} action={`/library/membership/${sub.id}/change`} class="stack">
              <label for={`f-plan-${sub.id}`}>{t('memberships.portal.change')}</label>
              <select id={`f-plan-${sub.id}`} name="plan">
                {portal.paidTiers.flatMap((tr) =>
                  INTERVALS.filter((i) => tierPrice(tr, i) !== undefined).map((i) => (
                    <option value={`${tr.slug}:${i}`} selected={tr.id === sub.tier_id && i === sub.interval}>
                      {tr.name} —{' '}
                      {t(i === 'month' ? 'memberships.public.perMonth' : 'memberships.public.perYear', {
                        amount: formatMoney(tierPrice(tr, i)!, tr.currency, ctx.locale),
                      })}
                    </option>
                  )),
                )}
              </select>
              <p class="hint">{t('memberships.portal.changeHint')}</p>
              <button type="submit" class="secondary">
                {t('memberships.portal.changeButton')}
              </button>
            </Form>
          )}
          <p class="actions">
            <a href={`/library/membership/${sub.id}/cancel`}>{t('memberships.portal.cancel')}</a>
          </p>
        </>
      )}
      {live && sub.cancel_at_period_end && (
        <Form ctx={ctx} action={`/library/membership/${sub.id}/resume`}>
          <button type="submit">{t('memberships.portal.resume')}</button>
        </Form>
      )}
      <h3>{t('memberships.portal.history')}</h3>
      {payments.length === 0 ? (
        <p class="empty">{t('memberships.portal.noPayments')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('memberships.portal.period')}</th>
                <th scope="col">{t('memberships.portal.amount')}</th>
                <th scope="col">{t('memberships.col.status')}</th>
                <th scope="col">{t('memberships.portal.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr>
                  <td>
                    {formatDateTime(p.period_start, ctx.locale, ctx.timeZone)} –{' '}
                    {formatDateTime(p.period_end, ctx.locale, ctx.timeZone)}
                  </td>
                  <td>{formatMoney(p.amount_minor, p.currency, ctx.locale)}</td>
                  <td>{t(`memberships.payment.${p.status}`)}</td>
                  <td>
                    {p.order_id && p.status === 'paid' ? (
                      <a href={`/library/orders/${p.order_id}`}>{t('memberships.portal.receiptLink')}</a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The member portal inside the library: subscriptions, changes, cancellation, billing history. */
export function PortalPage({
  ctx,
  email,
  portal,
  notice,
  error,
  newsletterPath,
  freeTier,
}: {
  ctx: PageContext;
  email: string;
  portal: Portal;
  /** The free tier, when the address belongs to it (a confirmed member). */
  freeTier?: Pick<MembershipTier, 'id' | 'name'> | undefined;
  /** The member's signed newsletter page (unsubscribe or subscribe again). */
  newsletterPath?: string | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('memberships.portal.title')}>
      <p>
        <a href="/library">{t('memberships.portal.back')}</a>
      </p>
      <h1>{t('memberships.portal.title')}</h1>
      <p class="muted">{t('library.signedInAs', { email })}</p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {portal.member && (
        <p>
          {t('memberships.portal.newsletter', { status: t(`memberships.emailStatus.${portal.member.email_status}`) })}{' '}
          <a href={newsletterPath ?? '/join'}>{t('memberships.portal.newsletterLink')}</a>
        </p>
      )}
      {freeTier && portal.member && (
        <FreeTierPanel
          ctx={ctx}
          tier={freeTier}
          newsletterPath={newsletterPath}
          paid={portal.subscriptions.length > 0}
        />
      )}
      {portal.subscriptions.length === 0 ? (
        <p class="empty">
          {t('memberships.portal.none')} <a href="/membership">{t('memberships.email.rejoin')}</a>
        </p>
      ) : (
        portal.subscriptions.map((item) => <SubscriptionPanel ctx={ctx} item={item} portal={portal} />)
      )}
    </Layout>
  );
}

/** A free member's tier: what it gives and the way to the posts (and to paid tiers). */
function FreeTierPanel({
  ctx,
  tier,
  newsletterPath,
  paid,
}: {
  ctx: PageContext;
  tier: Pick<MembershipTier, 'id' | 'name'>;
  newsletterPath: string | undefined;
  paid: boolean;
}) {
  return (
    <section class="panel" aria-labelledby="h-free-tier">
      <div class="library-order-head">
        <h2 id="h-free-tier">{tier.name}</h2>
        <span class="badge paid">{ctx.t('newsletter.portal.freeBadge')}</span>
      </div>
      <p>{ctx.t('newsletter.portal.freeText')}</p>
      <p class="actions">
        <a href="/posts">{ctx.t('newsletter.portal.posts')}</a>
        {newsletterPath && <a href={newsletterPath}>{ctx.t('memberships.portal.newsletterLink')}</a>}
        {!paid && <a href="/membership">{ctx.t('newsletter.portal.upgrade')}</a>}
      </p>
    </section>
  );
}

/** Cancel, step one: what happens, then a button that emails the confirmation link. */
export function CancelConfirmPage({ ctx, item }: { ctx: PageContext; item: PortalSubscription }) {
  const t = ctx.t;
  const end = item.sub.current_period_end ? formatDateTime(item.sub.current_period_end, ctx.locale, ctx.timeZone) : '';
  return (
    <Layout ctx={ctx} title={t('memberships.cancel.title')}>
      <section class="panel" aria-labelledby="h-cancel">
        <h1 id="h-cancel">{t('memberships.cancel.title')}</h1>
        <p>{t('memberships.cancel.text', { tier: item.tier?.name ?? '', date: end })}</p>
        <Form ctx={ctx} action={`/library/membership/${item.sub.id}/cancel`}>
          <button type="submit" class="danger">
            {t('memberships.cancel.send')}
          </button>
        </Form>
        <p>
          <a href="/library/membership">{t('memberships.cancel.keep')}</a>
        </p>
      </section>
    </Layout>
  );
}

/** Behind the emailed link: one button (a POST, so mail scanners cannot cancel). */
export function CancelLinkPage({
  ctx,
  token,
  state,
  endsAt,
}: {
  ctx: PageContext;
  token: string;
  state: 'confirm' | 'done' | 'invalid';
  endsAt?: string | null;
}) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('memberships.cancel.title')}>
      <section class="panel" aria-labelledby="h-cancel-link">
        <h1 id="h-cancel-link">{t('memberships.cancel.title')}</h1>
        {state === 'confirm' && (
          <Form ctx={ctx} action={`/library/membership/cancel/${encodeURIComponent(token)}`}>
            <p>{t('memberships.cancel.linkText')}</p>
            <button type="submit" class="danger">
              {t('memberships.cancel.confirm')}
            </button>
          </Form>
        )}
        {state === 'done' && (
          <Alert kind="success">
            {endsAt
              ? t('memberships.cancel.done', { date: formatDateTime(endsAt, ctx.locale, ctx.timeZone, { zone: true }) })
              : t('memberships.cancel.doneNoDate')}
          </Alert>
        )}
        {state === 'invalid' && <Alert kind="error">{t('memberships.cancel.invalid')}</Alert>}
        <p>
          <a href="/library/membership">{t('memberships.portal.title')}</a>
        </p>
      </section>
    </Layout>
  );
}
