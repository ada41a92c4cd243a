import type { AffiliatePayout } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { PayoutTable } from './parts.js';

export const PORTAL_BASE = '/partner/payouts';

/** /partner/payouts: the signed-in affiliate's own payouts and credit notes. */
export function PartnerPayoutsPage({
  ctx,
  payouts,
  minimum,
}: {
  ctx: PageContext;
  payouts: AffiliatePayout[];
  minimum: string;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('affiliatePayouts.portal.title')}>
      <h1>{ctx.t('affiliatePayouts.portal.title')}</h1>
      <p>
        <a href="/partner">{ctx.t('affiliatePayouts.portal.back')}</a>
      </p>
      <p class="muted">{ctx.t('affiliatePayouts.portal.intro')}</p>
      {payouts.length === 0 ? (
        <p class="empty">{ctx.t('affiliatePayouts.portal.empty', { minimum })}</p>
      ) : (
        <PayoutTable ctx={ctx} payouts={payouts} base={PORTAL_BASE} withAffiliate={false} />
      )}
    </Layout>
  );
}
