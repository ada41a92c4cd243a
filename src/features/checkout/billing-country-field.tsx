import type { PageContext } from '../../web/context.js';
import { countryName, listBillingCountries } from '../tax/countries.js';

/**
 * The buyer's country (it decides the VAT): every ISO country, named in the
 * page's language. Without a value the buyer must choose (an empty first option).
 * The checkout form's field `billingCountry`; other buy forms can use it too.
 */
export function BillingCountryField({
  ctx,
  value,
  error,
}: {
  ctx: PageContext;
  value?: string | undefined;
  error?: string | undefined;
}) {
  const id = 'f-billingCountry';
  const options = listBillingCountries()
    .map((code) => ({ code, name: countryName(code, ctx.locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
  const describedBy = [error ? `${id}-err` : '', `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{ctx.t('checkout.country')}</label>
      <select
        id={id}
        name="billingCountry"
        autoComplete="country"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        {!value && <option value="">{ctx.t('checkout.country.choose')}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code} selected={o.code === value}>
            {o.name}
          </option>
        ))}
      </select>
      <p class="hint" id={`${id}-hint`}>
        {ctx.t('checkout.country.hint')}
      </p>
      {error && (
        <p class="error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}
