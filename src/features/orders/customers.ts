import type { Customer, Db } from '../../db/schema.js';
import { contains } from './list-orders.js';

export const CUSTOMERS_PAGE_SIZE = 50;

/** Orders that count as bought: paid, or paid and later refunded (their net is then 0 or less). */
export const BOUGHT = ['paid', 'refunded'] as const;

export type Amount = { currency: string; amountMinor: number };

export type CustomerRow = Pick<Customer, 'id' | 'email' | 'name' | 'created_at'> & {
  orders: number;
  first_order_at: string | null;
  last_order_at: string | null;
  lifetime: Amount[];
};

export type CustomerList = { rows: CustomerRow[]; page: number; hasNext: boolean };

type CustomerQuery = { q?: string | undefined };
type Cursor = { created_at: string; id: string };

function baseQuery(db: Db, f: CustomerQuery, after?: Cursor) {
  return db
    .selectFrom('customers')
    .leftJoin('orders', (join) =>
      join.onRef('orders.customer_id', '=', 'customers.id').on('orders.status', 'in', [...BOUGHT]),
    )
    .select([
      'customers.id',
      'customers.email',
      'customers.name',
      'customers.created_at',
      (eb) => eb.fn.count<number>('orders.id').as('orders'),
      (eb) => eb.fn.min<string | null>('orders.created_at').as('first_order_at'),
      (eb) => eb.fn.max<string | null>('orders.created_at').as('last_order_at'),
    ])
    .where((eb) =>
      eb.and([
        ...(f.q ? [eb.or([contains('customers.email', f.q), contains('customers.name', f.q)])] : []),
        // Keyset paging for the export: rows added meanwhile neither repeat nor shift the rest.
        ...(after
          ? [
              eb.or([
                eb('customers.created_at', '<', after.created_at),
                eb.and([eb('customers.created_at', '=', after.created_at), eb('customers.id', '<', after.id)]),
              ]),
            ]
          : []),
      ]),
    )
    .groupBy(['customers.id', 'customers.email', 'customers.name', 'customers.created_at'])
    .orderBy('customers.created_at', 'desc')
    .orderBy('customers.id', 'desc');
}

/**
 * Net amount bought per customer and currency: total minus refunded of paid
 * and refunded orders, summed as integers by the database.
 */
export async function lifetimeValues(db: Db, customerIds: string[]): Promise<Map<string, Amount[]>> {
  const map = new Map<string, Amount[]>();
  if (customerIds.length === 0) return map;
  const rows = await db
    .selectFrom('orders')
    .select([
      'customer_id',
      'currency',
      (eb) => eb.fn.sum<number>(eb('total_minor', '-', eb.ref('refunded_minor'))).as('net'),
    ])
    .where('customer_id', 'in', customerIds)
    .where('status', 'in', [...BOUGHT])
    .groupBy(['customer_id', 'currency'])
    .orderBy('customer_id')
    .orderBy('currency')
    .execute();
  for (const r of rows) {
    const list = map.get(r.customer_id) ?? [];
    list.push({ currency: r.currency, amountMinor: Number(r.net) });
    map.set(r.customer_id, list);
  }
  return map;
}

async function withLifetime(db: Db, rows: Omit<CustomerRow, 'lifetime'>[]): Promise<CustomerRow[]> {
  const ltv = await lifetimeValues(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, orders: Number(r.orders), lifetime: ltv.get(r.id) ?? [] }));
}

/** One page of customers, newest first, with what each has bought. */
export async function listCustomers(
  db: Db,
  f: CustomerQuery,
  page: number,
  size = CUSTOMERS_PAGE_SIZE,
): Promise<CustomerList> {
  const rows = await baseQuery(db, f)
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return { rows: await withLifetime(db, rows.slice(0, size)), page, hasNext: rows.length > size };
}

/** Every matching customer, in batches, for the CSV export. */
export async function* allCustomers(db: Db, f: CustomerQuery, batch = 500): AsyncGenerator<CustomerRow[]> {
  let after: Cursor | undefined;
  for (;;) {
    const rows = await baseQuery(db, f, after).limit(batch).execute();
    if (rows.length > 0) yield await withLifetime(db, rows);
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { created_at: last.created_at, id: last.id };
  }
}

export async function findCustomer(db: Db, id: string): Promise<CustomerRow | undefined> {
  const row = await baseQuery(db, {}).where('customers.id', '=', id).executeTakeFirst();
  return row ? (await withLifetime(db, [row]))[0] : undefined;
}

/** The currencies anyone has bought in, for one CSV column each. */
export async function boughtCurrencies(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('currency')
    .distinct()
    .where('status', 'in', [...BOUGHT])
    .orderBy('currency')
    .execute();
  return rows.map((r) => r.currency);
}
