import { randomUUID } from 'node:crypto';
import { hashLicenseKey, normaliseLicenseKey } from '../licensing/license-key.js';
import { type ApplyContext, createdEarlier, remember } from './outcome.js';
import type { ImportedLicenceKey } from './records.js';

/**
 * A key from the old platform, verbatim: shown as it was, found by the same
 * hash of the normalised key the licence API computes, with the activations
 * already used and the limit, so the customers' software keeps working. A
 * disabled key stays disabled. A key that is already ours is left alone.
 */
export async function importLicenceKey(
  ctx: ApplyContext,
  k: ImportedLicenceKey,
  item: { orderId: string; orderItemId: string; productId: string },
): Promise<string> {
  if (normaliseLicenseKey(k.key) === '') return 'licence:invalid';
  const hash = hashLicenseKey(k.key);
  const taken = await ctx.trx.selectFrom('license_keys').select('id').where('key_hash', '=', hash).executeTakeFirst();
  if (taken || (await createdEarlier(ctx, `key:${hash}`)) !== undefined) return 'licence:taken';
  await ctx.trx
    .insertInto('license_keys')
    .values({
      id: randomUUID(),
      key_hash: hash,
      display_key: k.key.trim(),
      order_id: item.orderId,
      order_item_id: item.orderItemId,
      unit_index: 0,
      product_id: item.productId,
      activation_limit: k.activationLimit,
      activation_usage: k.activations,
      uses: k.activations,
      validity: k.expiresAt ? 'days' : 'forever',
      expires_at: k.expiresAt,
      disabled_at: k.disabled ? ctx.now : null,
      disabled_reason: k.disabled ? 'admin' : null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .execute();
  remember(ctx, `key:${hash}`);
  return k.disabled ? 'licence:disabled' : 'licence:create';
}
