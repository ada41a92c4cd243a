import type { LicenseValidity } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import type { LicenseKeyStatus } from './license-rules.js';

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: LicenseKeyStatus }) {
  const cls = status === 'active' ? 'paid' : status === 'inactive' ? 'neutral' : 'failed';
  return <span class={`badge ${cls}`}>{ctx.t(`licensing.status.${status}`)}</span>;
}

export function usageText(ctx: PageContext, k: { activation_usage: number; activation_limit: number | null }) {
  return k.activation_limit === null
    ? `${k.activation_usage} / ${ctx.t('licensing.limit.unlimited')}`
    : `${k.activation_usage} / ${k.activation_limit}`;
}

export function validityText(ctx: PageContext, s: { validity: LicenseValidity | null; validity_days: number | null }) {
  if (s.validity === 'days') return ctx.t('licensing.validity.daysShort', { days: s.validity_days ?? 0 });
  if (s.validity === 'subscription') return ctx.t('licensing.validity.subscription');
  return ctx.t('licensing.validity.forever');
}

export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="alert alert-success" role="status">
      {text}
    </div>
  );
}
