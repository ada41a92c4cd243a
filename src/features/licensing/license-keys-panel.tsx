import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import type { OrderLicenseKey } from './queries.js';

export function activationsText(ctx: PageContext, k: Pick<OrderLicenseKey, 'activationLimit' | 'activationUsage'>) {
  return k.activationLimit === null
    ? ctx.t('licensing.keys.activationsUnlimited', { used: k.activationUsage })
    : ctx.t('licensing.keys.activations', { used: k.activationUsage, limit: k.activationLimit });
}

/** One order's keys for its buyer; the thank-you page shows it, the customer library may too. */
export function LicenseKeyList({ ctx, keys }: { ctx: PageContext; keys: OrderLicenseKey[] }) {
  return (
    <ul class="plain license-keys">
      {keys.map((k) => (
        <li>
          <span class="muted">{k.productTitle}</span>
          <br />
          <code>{k.key}</code>{' '}
          <span class={`badge ${k.status === 'active' || k.status === 'inactive' ? 'paid' : 'failed'}`}>
            {ctx.t(`licensing.status.${k.status}`)}
          </span>
          <br />
          <span class="muted small">
            {activationsText(ctx, k)}
            {k.expiresAt && (
              <> · {ctx.t('licensing.keys.expires', { date: formatDateTime(k.expiresAt, ctx.locale, ctx.timeZone) })}</>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The thank-you page's section: nothing when the order has no keys. */
export function LicenseKeysPanel({ ctx, keys }: { ctx: PageContext; keys: OrderLicenseKey[] }) {
  if (keys.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="h-license-keys">
      <h2 id="h-license-keys">{ctx.t('licensing.keys.heading')}</h2>
      <p class="muted">{ctx.t('licensing.keys.intro')}</p>
      <LicenseKeyList ctx={ctx} keys={keys} />
    </section>
  );
}
