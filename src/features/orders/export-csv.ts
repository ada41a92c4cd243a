import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/schema.js';
import { toDecimalString } from '../../domain/money.js';
import { CSV_BOM, csvFileName, csvLine } from './csv.js';
import { allCustomers, boughtCurrencies } from './customers.js';
import { itemsOf, type OrderFilters, orderFilter } from './list-orders.js';

const ORDER_HEADER = [
  'number',
  'created_at',
  'paid_at',
  'refunded_at',
  'status',
  'email',
  'name',
  'items',
  'currency',
  'subtotal',
  'discount',
  'discount_code',
  'total',
  'refunded',
  'provider',
  'provider_ref',
];

/**
 * The filtered orders as CSV, newest first, a batch at a time (keyset paging,
 * so orders placed during the export neither repeat nor push others out).
 */
export async function* ordersCsv(db: Db, filters: OrderFilters, batch = 500): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(ORDER_HEADER);
  let after: { created_at: string; id: string } | undefined;
  for (;;) {
    const cursor = after;
    const rows = await db
      .selectFrom('orders')
      .leftJoin('discount_codes', 'discount_codes.id', 'orders.discount_code_id')
      .selectAll('orders')
      .select('discount_codes.code as discount_code')
      .where((eb) => orderFilter(eb, filters))
      .$if(cursor !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('orders.created_at', '<', cursor!.created_at),
            eb.and([eb('orders.created_at', '=', cursor!.created_at), eb('orders.id', '<', cursor!.id)]),
          ]),
        ),
      )
      .orderBy('orders.created_at', 'desc')
      .orderBy('orders.id', 'desc')
      .limit(batch)
      .execute();
    const items = await itemsOf(
      db,
      rows.map((r) => r.id),
    );
    let chunk = '';
    for (const o of rows) {
      const money = (minor: number) => toDecimalString(minor, o.currency);
      const list = (items.get(o.id) ?? []).map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.title}` : i.title));
      chunk += csvLine([
        o.number,
        o.created_at,
        o.paid_at,
        o.refunded_at,
        o.status,
        o.email,
        o.name,
        list.join('; '),
        o.currency,
        money(o.subtotal_minor),
        money(o.discount_minor),
        o.discount_code,
        money(o.total_minor),
        money(o.refunded_minor),
        o.provider,
        o.provider_ref,
      ]);
    }
    if (chunk) yield chunk;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = { created_at: last.created_at, id: last.id };
  }
}

/** Customers as CSV, with one net-bought column per currency anyone has paid in. */
export async function* customersCsv(db: Db, f: { q?: string | undefined }): AsyncGenerator<string> {
  const currencies = await boughtCurrencies(db);
  yield CSV_BOM +
    csvLine([
      'email',
      'name',
      'customer_since',
      'orders',
      'first_order_at',
      'last_order_at',
      ...currencies.map((c) => `lifetime_value_${c}`),
    ]);
  for await (const rows of allCustomers(db, f)) {
    let chunk = '';
    for (const c of rows) {
      const byCurrency = new Map(c.lifetime.map((a) => [a.currency, a.amountMinor]));
      chunk += csvLine([
        c.email,
        c.name,
        c.created_at,
        c.orders,
        c.first_order_at,
        c.last_order_at,
        ...currencies.map((cur) => toDecimalString(byCurrency.get(cur) ?? 0, cur)),
      ]);
    }
    yield chunk;
  }
}

/** Sends an export as a download, built batch by batch. */
export function sendCsv(reply: FastifyReply, what: string, chunks: AsyncIterable<string>): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${csvFileName(what)}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(chunks));
}
