import type { Kysely } from 'kysely';

/** Licence keys: per-product settings, one key per purchased unit, and the instances it is activated on. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('license_settings')
    .addColumn('product_id', 'text', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activation_limit', 'integer')
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('forever'))
    .addColumn('validity_days', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('license_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('display_key', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('order_item_id', 'text', (c) => c.notNull().references('order_items.id').onDelete('cascade'))
    .addColumn('unit_index', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('activation_limit', 'integer')
    .addColumn('activation_usage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('license_keys_item_unit', ['order_item_id', 'unit_index'])
    .execute();
  await db.schema.createIndex('license_keys_order').on('license_keys').column('order_id').execute();
  await db.schema.createIndex('license_keys_product').on('license_keys').column('product_id').execute();
  await db.schema.createIndex('license_keys_created').on('license_keys').column('created_at').execute();

  await db.schema
    .createTable('license_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('license_key_id', 'text', (c) => c.notNull().references('license_keys.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('license_instances_key').on('license_instances').column('license_key_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['license_instances', 'license_keys', 'license_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
