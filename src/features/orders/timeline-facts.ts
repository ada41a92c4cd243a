import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { isMessageKey } from '../../web/messages.js';
import { providerLabel } from '../payments/provider-label.js';
import { countryName } from '../tax/countries.js';
import { money } from './parts.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A fact's value for people: money, country and provider names, scheme and email labels, store-clock times. */
function factValue(ctx: PageContext, key: string, value: string, currency: string): string {
  const n = Number(value);
  if (key.endsWith('Minor') && Number.isSafeInteger(n)) return money(ctx, n, currency);
  if (value === '') return '–';
  if (key === 'billingCountry' && /^[A-Z]{2}$/.test(value)) return `${countryName(value, ctx.locale)} (${value})`;
  if (key === 'provider') return providerLabel(ctx.t, value);
  const labelKey =
    key === 'taxScheme' || key === 'from' || key === 'to'
      ? `invoices.scheme.${value}`
      : key === 'template'
        ? `email.template.${value}`
        : '';
  if (labelKey && isMessageKey(labelKey)) return ctx.t(labelKey);
  if (ISO_TIME.test(value)) return formatDateTime(value, ctx.locale, ctx.timeZone);
  return value;
}

/** "Total: 22,49 €" for `totalMinor: 2249`; a fact without a label keeps its name. */
export function factText(ctx: PageContext, [key, value]: [string, string], currency: string): string {
  const labelKey = `orders.fact.${key}`;
  const label = isMessageKey(labelKey) ? ctx.t(labelKey) : key;
  return `${label}: ${factValue(ctx, key, value, currency)}`;
}
