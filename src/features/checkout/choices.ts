import type { Transaction } from 'kysely';
import type { VNode } from 'preact';
import type { DB, Db, Order, Product, ProductKind } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import type { WithdrawalCase } from '../legal/withdrawal-case.js';

/** Why a choice cannot be bought; each has a text `checkout.error.<error>`. */
export type ChoiceError = 'choice-missing' | 'choice-unavailable' | 'sold-out' | 'slot-taken' | 'answers-missing';

/**
 * What the buyer typed with the choice (a booking's answers to the creator's
 * questions, the buyer's time zone): form fields named `d.<key>`, carried
 * from step to step like the choice and read only by its feature. One key is
 * the checkout's own: `d.view` asks for the choice step again instead of the
 * order (a button that redraws a list on another time zone, say).
 */
export type ChoiceDetails = Readonly<Record<string, string>>;

const MAX_DETAILS = 20;
const MAX_DETAIL_LENGTH = 2000;

/** The `d.<key>` fields of a query or form body, bounded in number and length. */
export function choiceDetailsOf(fields: unknown): ChoiceDetails {
  if (!fields || typeof fields !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith('d.') || typeof v !== 'string' || !/^[a-z0-9_-]{1,40}$/i.test(k.slice(2))) continue;
    if (Object.keys(out).length >= MAX_DETAILS) break;
    out[k.slice(2)] = v.trim().slice(0, MAX_DETAIL_LENGTH);
  }
  return out;
}

/** What the chosen option costs and how the order line names it (e.g. "Workshop — Sat., 12 Dec., 10:00 · Early bird"). */
export type PricedChoice = { priceMinor: number; title: string };

/**
 * What a buyer picks besides the product, for the product kinds that need it:
 * an event's session and ticket type, a booking's slot. The choice travels as
 * one opaque form field (`choice`) that only its feature reads; it is checked
 * and priced on the server at every step, and held in the order's own
 * transaction, so a sold-out session or a taken slot never becomes an order.
 */
export type CheckoutChoice = {
  kind: ProductKind;
  /**
   * The radio buttons (or similar) of the buy form and the checkout page;
   * `selected` keeps the buyer's pick. `live`: the page is rendered per
   * request (the checkout), so it may show what changes with every sale (seats
   * left); the product page is cached by content version and must not.
   */
  field(
    db: Db,
    product: Product,
    ctx: PageContext,
    state: { selected?: string | undefined; live: boolean; details?: ChoiceDetails },
  ): Promise<VNode | null>;
  /** Checks the choice against the product and the clock; the price replaces the product's own. */
  price(
    db: Db,
    product: Product,
    choice: string,
    now: string,
    details: ChoiceDetails,
  ): Promise<{ ok: true; choice: PricedChoice } | { ok: false; error: ChoiceError }>;
  /** In the new (pending) order's transaction: holds what the order will give. `sold-out` rolls the order back. */
  reserve(
    trx: Transaction<DB>,
    ctx: { order: Order; product: Product; choice: string; now: string; details: ChoiceDetails },
  ): Promise<'ok' | ChoiceError>;
  /** Overrides the withdrawal rule the product's VAT category implies (an event's creator chooses it). */
  withdrawal?(db: Db, product: Pick<Product, 'id' | 'kind'>): Promise<WithdrawalCase | undefined>;
};

const registry = new Map<ProductKind, CheckoutChoice>();

/** Called once with every feature's choices (features/index.ts), before a request is served. */
export function registerCheckoutChoices(list: readonly CheckoutChoice[]): void {
  for (const c of list) registry.set(c.kind, c);
}

/** The choice a product of this kind needs, if any. */
export function checkoutChoiceOf(kind: ProductKind): CheckoutChoice | undefined {
  return registry.get(kind);
}

/** The product as the chosen option prices it (free when the option costs nothing). */
export function pricedAs<P extends Pick<Product, 'pricing' | 'price_minor' | 'title'>>(
  product: P,
  choice: PricedChoice,
): P {
  return {
    ...product,
    pricing: choice.priceMinor === 0 ? 'free' : 'fixed',
    price_minor: choice.priceMinor,
    title: choice.title,
  };
}
