import { randomUUID } from 'node:crypto';
import { importLicenceKey } from './apply-licence-key.js';
import { applyConsent, applyCustomer } from './apply-person.js';
import { resolveProduct } from './apply-product.js';
import { applyComplimentary, applySubscription } from './apply-subscription.js';
import { insertImportedOrder } from './imported-order.js';
import { type ApplyContext, createdEarlier, type LineOutcome, remember, skipped } from './outcome.js';
import type { ImportedLicence, ImportedMember, ImportedSale, ParsedLine } from './records.js';

/**
 * One line of an export, applied: the same code for the dry run (inside a
 * transaction that is rolled back) and for the import, so the dry run's
 * verdicts are the import's. Idempotent on (source, external id): the claim in
 * `imported_records` comes first, and a record claimed before is skipped.
 */
export async function applyLine(ctx: ApplyContext, parsed: ParsedLine): Promise<LineOutcome> {
  if ('problem' in parsed) {
    const { code, column, detail } = parsed.problem;
    const text = [column, detail].filter(Boolean).join(': ').slice(0, 300);
    return skipped(parsed.line, code, text || null);
  }
  const r = parsed.record;
  if (r.kind === 'sale' && r.refunded) return skipped(parsed.line, 'refunded');
  // An order's id is made first, so the claim names it; a member's is known only once merged.
  const orderId = r.kind === 'member' ? null : randomUUID();
  if (!(await claim(ctx, r.externalId, r.kind === 'member' ? 'member' : 'order', orderId ?? '')))
    return skipped(parsed.line, 'already_imported');
  if (r.kind === 'sale') return applySale(ctx, parsed.line, r, orderId!);
  if (r.kind === 'licence') return applyLicence(ctx, parsed.line, r, orderId!);
  const outcome = await applyMember(ctx, parsed.line, r);
  await ctx.trx
    .updateTable('imported_records')
    .set({ entity_id: outcome.entityId ?? '' })
    .where('source', '=', ctx.source)
    .where('external_id', '=', r.externalId)
    .execute();
  return outcome;
}

/** The idempotency guard: true when this (source, external id) was not imported before. */
async function claim(ctx: ApplyContext, externalId: string, entityType: string, entityId: string): Promise<boolean> {
  if ((await createdEarlier(ctx, `record:${externalId}`)) !== undefined) return false;
  const r = await ctx.trx
    .insertInto('imported_records')
    .values({
      source: ctx.source,
      external_id: externalId,
      entity_type: entityType,
      entity_id: entityId,
      run_id: ctx.runId,
      created_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
    .executeTakeFirst();
  const claimed = Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  if (claimed) remember(ctx, `record:${externalId}`);
  return claimed;
}

async function applySale(ctx: ApplyContext, line: number, r: ImportedSale, orderId: string): Promise<LineOutcome> {
  const { customer, merged } = await applyCustomer(ctx, r.person);
  const effects = [merged ? 'customer:merge' : 'customer:create'];
  const asMember = r.subscription !== null;
  const consent = await applyConsent(ctx, r.person, { asMember, customerId: customer.id });
  effects.push(...consent.effects);
  const product = await resolveProduct(ctx, {
    externalId: r.productExternalId,
    name: r.productName,
    priceMinor: r.priceMinor,
    currency: r.currency,
  });
  effects.push(`product:${product.verdict}`);
  const { order, item } = await insertImportedOrder(ctx, {
    orderId,
    externalId: r.externalId,
    customer,
    country: r.person.country,
    productId: product.productId,
    title: r.productName,
    amountMinor: r.priceMinor,
    currency: r.currency,
    paidAt: r.purchasedAt,
    countRevenue: true,
  });
  effects.push('order:create');
  if (r.licenceKey)
    effects.push(
      await importLicenceKey(ctx, r.licenceKey, {
        orderId: order.id,
        orderItemId: item.id,
        productId: product.productId,
      }),
    );
  if (r.subscription && consent.memberId)
    effects.push(...(await applySubscription(ctx, consent.memberId, r.subscription)));
  return {
    line,
    action: merged ? 'merge' : 'create',
    reason: null,
    effects,
    entityType: 'order',
    entityId: order.id,
    detail: null,
  };
}

/** A licence exported without its sale: an order of 0 (the amount is not in the export) that holds the key. */
async function applyLicence(
  ctx: ApplyContext,
  line: number,
  r: ImportedLicence,
  orderId: string,
): Promise<LineOutcome> {
  const { customer, merged } = await applyCustomer(ctx, r.person);
  const effects = [merged ? 'customer:merge' : 'customer:create'];
  effects.push(...(await applyConsent(ctx, r.person, { asMember: false, customerId: customer.id })).effects);
  const product = await resolveProduct(ctx, {
    externalId: r.productExternalId,
    name: r.productName,
    priceMinor: 0,
    currency: ctx.currency,
  });
  effects.push(`product:${product.verdict}`);
  const { order, item } = await insertImportedOrder(ctx, {
    orderId,
    externalId: r.externalId,
    customer,
    country: r.person.country,
    productId: product.productId,
    title: r.productName,
    amountMinor: 0,
    currency: ctx.currency,
    paidAt: r.issuedAt,
    countRevenue: false,
  });
  effects.push('order:create');
  effects.push(
    await importLicenceKey(ctx, r.licenceKey, {
      orderId: order.id,
      orderItemId: item.id,
      productId: product.productId,
    }),
  );
  return {
    line,
    action: merged ? 'merge' : 'create',
    reason: null,
    effects,
    entityType: 'order',
    entityId: order.id,
    detail: null,
  };
}

async function applyMember(ctx: ApplyContext, line: number, r: ImportedMember): Promise<LineOutcome> {
  const effects: string[] = [];
  let customerId =
    (await ctx.trx.selectFrom('customers').select('id').where('email', '=', r.person.email).executeTakeFirst())?.id ??
    null;
  // An adopted Stripe subscription bills the member here from now on: each renewal's order needs a customer.
  if (!customerId && r.plan.type === 'paid' && r.plan.subscription.stripeSubscriptionId) {
    const c = await applyCustomer(ctx, r.person);
    customerId = c.customer.id;
    effects.push(c.merged ? 'customer:merge' : 'customer:create');
  }
  const consent = await applyConsent(ctx, r.person, { asMember: true, customerId, joinedAt: r.joinedAt });
  const memberId = consent.memberId!;
  const merged = consent.effects.includes('member:merge');
  effects.push(...consent.effects);
  if (r.plan.type === 'paid') effects.push(...(await applySubscription(ctx, memberId, r.plan.subscription)));
  if (r.plan.type === 'complimentary') effects.push(...(await applyComplimentary(ctx, memberId, r.plan, ctx.currency)));
  return {
    line,
    action: merged ? 'merge' : 'create',
    reason: null,
    effects,
    entityType: 'member',
    entityId: memberId,
    detail: null,
  };
}
