import type { VNode } from 'preact';
import type { Product } from '../../db/schema.js';
import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import type { ChoiceError } from './choices.js';

/**
 * The first step for a product that needs a choice (an event's date and
 * ticket): picked here, then priced on the checkout page, whose order button
 * shows the exact total of that pick (§ 312j (3) BGB) — a radio button
 * cannot change a total on a page without scripts.
 */
export function ChoiceForm({
  ctx,
  productId,
  field,
  label,
  referral,
}: {
  ctx: PageContext;
  productId: string;
  field: VNode | null;
  /** The button's words where it does not lead to the checkout yet (a booking's "Choose a time"). */
  label?: string | undefined;
  /** An affiliate's referral code of this visit, carried on to the checkout (no cookie needed). */
  referral?: string | undefined;
}) {
  return (
    <form method="get" action="/checkout" class="choice-form">
      <input type="hidden" name="product" value={productId} />
      {referral && <input type="hidden" name="ref" value={referral} />}
      {field}
      <button type="submit" class="btn-block">
        {label ?? ctx.t('checkout.choice.continue')}
      </button>
    </form>
  );
}

export function ChoiceStepPage({
  ctx,
  product,
  field,
  error,
  referral,
}: {
  ctx: PageContext;
  product: Pick<Product, 'id' | 'title'>;
  field: VNode | null;
  error?: ChoiceError | undefined;
  referral?: string | undefined;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('checkout.title')}>
      <section class="panel choice-step" aria-labelledby="h-choice">
        <h1 id="h-choice">{product.title}</h1>
        {error && <Alert kind="error">{ctx.t(`checkout.error.${error}`)}</Alert>}
        <ChoiceForm ctx={ctx} productId={product.id} field={field} referral={referral} />
      </section>
    </Layout>
  );
}
