// The store export over 20,000 orders (and as many order items) on SQLite:
// seconds to stream the whole ZIP and the process's peak RSS while it streams.
// `node --import tsx bench/store-export.ts` (BENCH_EXPORT_ORDERS to change the count).

import { sql } from 'kysely';
import { seedPurchase } from '../src/features/delivery/testing.js';
import { storeExportZip } from '../src/features/store-export/archive.js';
import { buildTestApp, setUpStore } from '../src/testing/app.js';

const ORDERS = Number(process.env.BENCH_EXPORT_ORDERS ?? 20_000);

const t = await buildTestApp();
await setUpStore(t.services);
const { db } = t.services.database;
const template = await seedPurchase(t.services);

/** Copies of the seeded order and its item, made by the database itself (one statement each). */
async function cloneRows(table: 'orders' | 'order_items', templateId: string, unique: Record<string, string>) {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  const names = rows.map((r) => r.name);
  const values = names.map((n) => unique[n] ?? `"${n}"`);
  await sql
    .raw(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ORDERS})
       insert into ${table} (${names.map((n) => `"${n}"`).join(', ')})
       select ${values.join(', ')} from n, ${table} where ${table}.id = '${templateId}'`,
    )
    .execute(db);
}
await cloneRows('orders', template.orderId, {
  id: `printf('bench-order-%06d', i)`,
  number: `printf('B-%06d', i)`,
  name: `printf('Buyer, "%d"', i)`,
  provider_ref: `printf('bench-ref-%06d', i)`,
  access_key: `printf('bench-key-%06d', i)`,
});
await cloneRows('order_items', template.orderItemId, {
  id: `printf('bench-item-%06d', i)`,
  order_id: `printf('bench-order-%06d', i)`,
});

global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const t0 = performance.now();
const zip = await storeExportZip(db, { exportedAt: new Date().toISOString(), storeName: 'Bench', schemaVersion: '' });
let bytes = 0;
for await (const chunk of zip) bytes += (chunk as Buffer).length;
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
console.log(
  `store export, ${ORDERS + 1} orders on SQLite: ${seconds.toFixed(2)} s, ZIP ${mb(bytes)} MB, ` +
    `RSS ${mb(before)} MB before, peak ${mb(peak)} MB while streaming`,
);
await t.close();
