import type { Db, Email, EmailStatus } from '../../db/schema.js';

export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const satisfies readonly EmailStatus[];

export const OUTBOX_PAGE_SIZE = 50;

export type OutboxRow = Pick<
  Email,
  'id' | 'to_address' | 'subject' | 'template' | 'status' | 'error' | 'created_at' | 'sent_at' | 'transport'
>;

export type OutboxPage = { rows: OutboxRow[]; page: number; hasNext: boolean };

/** One page of the outbox, newest first; the bodies are left out. */
export async function listEmails(
  db: Db,
  opts: { status?: EmailStatus | undefined; page: number; pageSize?: number },
): Promise<OutboxPage> {
  const size = opts.pageSize ?? OUTBOX_PAGE_SIZE;
  let q = db
    .selectFrom('emails')
    .select(['id', 'to_address', 'subject', 'template', 'status', 'error', 'created_at', 'sent_at', 'transport'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(size + 1)
    .offset((opts.page - 1) * size);
  if (opts.status) q = q.where('status', '=', opts.status);
  const rows = await q.execute();
  return { rows: rows.slice(0, size), page: opts.page, hasNext: rows.length > size };
}

export async function countEmailsByStatus(db: Db): Promise<Record<EmailStatus, number>> {
  const rows = await db
    .selectFrom('emails')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<EmailStatus, number> = { queued: 0, sent: 0, failed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
  return counts;
}

export function findEmail(db: Db, id: string): Promise<Email | undefined> {
  return db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
}
