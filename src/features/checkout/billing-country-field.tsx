import { memoize } from '../../domain/memo.js';
import type { PageContext } from '../../web/context.js';
import { countryName, listBillingCountries } from '../tax/countries.js';
import type { CountryConflict } from './location-evidence.js';

/** "Your connection appears to be from Austria, but you chose Germany …" */
export function countryConflictMessage(ctx: PageContext, conflict: CountryConflict): string {
  return ctx.t('checkout.error.country-conflict', {
    ipCountry: countryName(conflict.ipCountry, ctx.locale),
    country: countryName(conflict.chosen, ctx.locale),
  });
}

/**
 * Every country named and sorted in one language: the same ~250 names on every
 * product page, so they are worked out once per language (Intl's names and
 * collation cost more than the rest of the page).
 */
const countryOptions = memoize(4, (locale) =>
  listBillingCountries()
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale)),
);

/**
 * The buyer's country (it decides the VAT): every ISO country, named in the
 * page's language. Without a value the buyer must choose (an empty first option).
 * The checkout form's field `billingCountry`; other buy forms can use it too.
 * With `confirm` (the IP country contradicts the choice) an unticked box lets
 * the buyer confirm exactly that country (`confirmedCountry`); choosing
 * another country instead is weighed afresh.
 */
export function BillingCountryField({
  ctx,
  value,
  error,
  confirm,
}: {
  ctx: PageContext;
  value?: string | undefined;
  error?: string | undefined;
  confirm?: CountryConflict | undefined;
}) {
  const id = 'f-billingCountry';
  const options = countryOptions(ctx.locale);
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
        <p class="error" id={`${id}-err`} role={confirm ? 'alert' : undefined}>
          {error}
        </p>
      )}
      {confirm && <ConfirmCountry ctx={ctx} conflict={confirm} />}
    </div>
  );
}

function ConfirmCountry({ ctx, conflict }: { ctx: PageContext; conflict: CountryConflict }) {
  const id = 'f-confirmedCountry';
  return (
    <div class="country-confirm">
      <div class="check">
        <input
          id={id}
          type="checkbox"
          name="confirmedCountry"
          value={conflict.chosen}
          aria-describedby={`${id}-hint`}
        />
        <label for={id}>
          {ctx.t('checkout.country.confirm', { country: countryName(conflict.chosen, ctx.locale) })}
        </label>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {ctx.t('checkout.country.confirmHint')}
      </p>
    </div>
  );
}
