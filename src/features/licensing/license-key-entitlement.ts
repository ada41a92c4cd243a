import type { Entitlement } from '../../order-core/entitlements.js';
import { disableLicenseKeysForOrder, enableLicenseKeysDisabledFor } from './disable-order-license-keys.js';
import { issueLicenseKeys } from './issue-license-keys.js';

/** Licence keys: one per unit of an item whose product issues keys (`UNIQUE(order_item_id, unit_index)`). */
export const licenseKeyEntitlement: Entitlement = {
  kind: 'license-key',
  timelineKey: 'licenseKeys',
  grant: (trx, { order }) => issueLicenseKeys(trx, order.id),
  async revoke(trx, { order, reason }) {
    await disableLicenseKeysForOrder(trx, order.id, reason);
  },
  // The keys that revocation disabled (and only those) work again.
  async restore(trx, { order, reason }) {
    await enableLicenseKeysDisabledFor(trx, order.id, reason);
  },
};
