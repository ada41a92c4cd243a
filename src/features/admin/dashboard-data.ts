import type { Kysely } from 'kysely';
import type { DB, JobStatus, Order } from '../../db/schema.js';
import { isoIn } from '../../db/time.js';
import { countJobsByStatus } from '../../jobs/queue.js';
import { loadMembershipFigures, type MembershipFigures } from '../analytics/membership-figures.js';
import { STOREFRONT_KINDS } from '../catalog/queries.js';

export type DashboardData = {
  currency: string;
  revenue30dMinor: number;
  orders30d: number;
  customers: number;
  publishedProducts: number;
  recentOrders: Pick<Order, 'id' | 'number' | 'email' | 'total_minor' | 'currency' | 'status' | 'created_at'>[];
  jobs: Record<JobStatus, number>;
  emailsSent: number;
  transport: 'outbox' | 'smtp';
  /** Only once a membership tier exists. */
  memberships: MembershipFigures | undefined;
};

const count = (n: { n: number | string } | undefined) => Number(n?.n ?? 0);

/** The figures on the admin's first page; integer sums in the store's currency. */
export async function loadDashboard(
  db: Kysely<DB>,
  currency: string,
  transport: 'outbox' | 'smtp',
): Promise<DashboardData> {
  const since = isoIn(-30 * 24 * 3600 * 1000);
  const hasTiers = await db.selectFrom('membership_tiers').select('id').limit(1).executeTakeFirst();
  const [revenue, orders, customers, products, recentOrders, jobs, sent, memberships] = await Promise.all([
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.sum<number>(eb('total_minor', '-', eb.ref('refunded_minor'))).as('n'))
      .where('status', 'in', ['paid', 'refunded'])
      .where('currency', '=', currency)
      .where('paid_at', '>=', since)
      .executeTakeFirst(),
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['paid', 'refunded'])
      .where('paid_at', '>=', since)
      .executeTakeFirst(),
    db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .where('kind', 'in', STOREFRONT_KINDS)
      .executeTakeFirst(),
    db
      .selectFrom('orders')
      .select(['id', 'number', 'email', 'total_minor', 'currency', 'status', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(6)
      .execute(),
    countJobsByStatus(db),
    db
      .selectFrom('emails')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'sent')
      .executeTakeFirst(),
    hasTiers ? loadMembershipFigures(db, currency, new Date()) : undefined,
  ]);
  return {
    currency,
    revenue30dMinor: count(revenue as { n: number }),
    orders30d: count(orders),
    customers: count(customers),
    publishedProducts: count(products),
    recentOrders,
    jobs,
    emailsSent: count(sent),
    transport,
    memberships,
  };
}
