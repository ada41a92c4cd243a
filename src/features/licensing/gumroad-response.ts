import type { LicenseRecord } from './queries.js';

/** Bodies in the shape of Gumroad's POST /v2/licenses/verify. */
export type GumroadBody = { success: boolean; message?: string; uses?: number; purchase?: Record<string, unknown> };

export const GUMROAD_ERRORS = {
  notFound: 'That license does not exist for the provided product.',
  expired: 'This license key has expired.',
} as const;

export function gumroadFailure(message: string): GumroadBody {
  return { success: false, message };
}

function orderNumber(n: string): number | string {
  return /^\d{1,15}$/.test(n) ? Number(n) : n;
}

export function gumroadSuccess(license: LicenseRecord, uses: number, publicUrl: string): GumroadBody {
  const soldAt = license.order_paid_at ?? license.order_created_at;
  return {
    success: true,
    uses,
    purchase: {
      seller_id: '1',
      product_id: license.product_id,
      product_name: license.product_title,
      permalink: license.product_slug,
      product_permalink: `${publicUrl}/p/${license.product_slug}`,
      short_product_id: license.product_slug,
      email: license.email,
      full_name: license.customer_name,
      price: license.unit_price_minor,
      gumroad_fee: 0,
      currency: license.currency.toLowerCase(),
      quantity: 1,
      discover_fee_charged: false,
      can_contact: false,
      referrer: 'direct',
      card: { visual: null, type: null, bin: null, expiry_month: null, expiry_year: null },
      order_number: orderNumber(license.order_number),
      sale_id: license.order_id,
      sale_timestamp: soldAt,
      purchaser_id: license.customer_id,
      subscription_id: null,
      variants: '',
      license_key: license.display_key,
      is_multiseat_license: false,
      ip_country: null,
      recurrence: null,
      is_gift_receiver_purchase: false,
      refunded: false,
      disputed: false,
      dispute_won: false,
      id: license.order_id,
      created_at: soldAt,
      custom_fields: [],
      chargebacked: false,
      subscription_ended_at: null,
      subscription_cancelled_at: null,
      subscription_failed_at: null,
    },
  };
}
