// What the database says after the launch spike: every paid order of the bench's buyers
// delivered once, one receipt each, nothing left in the queue.

import type pg from 'pg';

const SPIKE = `o.email LIKE 'spike-%@example.com'`;

async function count(client: pg.Client, text: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(text);
  return Number(rows[0]?.n ?? 0);
}

export async function spikeFigures(client: pg.Client) {
  const paid = `FROM orders o WHERE o.status = 'paid' AND ${SPIKE}`;
  const receiptsPerOrder = `SELECT o.id, (SELECT count(*) FROM emails e WHERE e.template = 'receipt' AND e.to_address = o.email) AS n ${paid}`;
  return {
    paidOrders: await count(client, `SELECT count(*) AS n ${paid}`),
    undelivered: await count(
      client,
      `SELECT count(*) AS n FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE o.status = 'paid' AND ${SPIKE} AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.order_item_id = i.id)`,
    ),
    deliveredTwice: await count(
      client,
      `SELECT count(*) AS n FROM (SELECT d.order_item_id FROM deliveries d JOIN order_items i ON i.id = d.order_item_id
        JOIN orders o ON o.id = i.order_id WHERE ${SPIKE} GROUP BY d.order_item_id HAVING count(*) > 1) t`,
    ),
    paidTwice: await count(
      client,
      `SELECT count(*) AS n FROM (SELECT o.email ${paid} GROUP BY o.email HAVING count(*) > 1) t`,
    ),
    receiptsOnce: await count(client, `SELECT count(*) AS n FROM (${receiptsPerOrder}) r WHERE r.n = 1`),
    receiptsMissing: await count(client, `SELECT count(*) AS n FROM (${receiptsPerOrder}) r WHERE r.n = 0`),
    receiptsTwice: await count(client, `SELECT count(*) AS n FROM (${receiptsPerOrder}) r WHERE r.n > 1`),
    emailsUnsent: await count(
      client,
      `SELECT count(*) AS n FROM emails e WHERE e.template = 'receipt' AND e.to_address LIKE 'spike-%' AND e.status <> 'sent'`,
    ),
    deadJobs: await count(client, `SELECT count(*) AS n FROM jobs WHERE status = 'dead'`),
    dueJobs: await count(
      client,
      `SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'running') AND run_at <= '${new Date().toISOString()}'`,
    ),
    unpaidLeft: await count(client, `SELECT count(*) AS n FROM orders o WHERE o.status <> 'paid' AND ${SPIKE}`),
    doneJobs: await count(client, `SELECT count(*) AS n FROM jobs WHERE status = 'done'`),
  };
}
