import type { ColumnType, Generated, Selectable } from 'kysely';

/** Licence keys, their settings and activations. */

/** 'subscription' is stored for later; until subscriptions exist such keys do not expire. */
export type LicenseValidity = 'forever' | 'days' | 'subscription';

/** A product's licence-key option; no row (or enabled 0): the product issues no keys. */
export interface LicenseSettingsTable {
  product_id: string;
  enabled: Generated<number>;
  /** null: unlimited activations. */
  activation_limit: number | null;
  validity: ColumnType<LicenseValidity, LicenseValidity | undefined, LicenseValidity>;
  validity_days: number | null;
  updated_at: string;
}

export type LicenseDisabledReason = 'refund' | 'dispute' | 'admin';

export interface LicenseKeysTable {
  id: string;
  /** sha256 of the normalised key, UNIQUE: every API lookup goes through it. */
  key_hash: string;
  /** The key as shown to the buyer (XXXXX-XXXXX-XXXXX-XXXXX). */
  display_key: string;
  order_id: string;
  /** UNIQUE with unit_index: one key per purchased unit, the exactly-once guard. */
  order_item_id: string;
  unit_index: number;
  product_id: string;
  /** null: unlimited. */
  activation_limit: number | null;
  /** Active instances; changed only together with license_instances, in one transaction. */
  activation_usage: Generated<number>;
  /** Gumroad-style verification count. */
  uses: Generated<number>;
  validity: LicenseValidity;
  expires_at: string | null;
  disabled_at: string | null;
  disabled_reason: LicenseDisabledReason | null;
  created_at: string;
  updated_at: string;
}

export interface LicenseInstancesTable {
  id: string;
  license_key_id: string;
  name: string;
  created_at: string;
}

export type LicenseSettings = Selectable<LicenseSettingsTable>;
export type LicenseKey = Selectable<LicenseKeysTable>;
export type LicenseInstance = Selectable<LicenseInstancesTable>;
