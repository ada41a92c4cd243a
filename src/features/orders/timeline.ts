import type { EmailStatus } from '../../db/schema.js';

export type StoredEvent = { id: string; kind: string; detail: string; created_at: string };
export type EmailSummary = {
  id: string;
  subject: string;
  status: EmailStatus;
  to_address: string;
  transport: string | null;
};

export type TimelineEntry = {
  at: string;
  kind: string;
  /** Short facts from the event's detail (scalars only), shown as "key: value". */
  facts: [string, string][];
  email?: EmailSummary | undefined;
  /** An email the event names that is no longer in the outbox. */
  emailId?: string | undefined;
};

/** Detail keys that are ids for machines, not facts for people. */
const HIDDEN = new Set(['emailId', 'orderId', 'deliveryId', 'jobId', 'fileId', 'fileVersionId']);

export function parseDetail(detail: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(detail);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The email an event names ('email_queued', 'receipt_resent' …), if it names a well-formed one. */
function emailIdOf(detail: Record<string, unknown>): string | undefined {
  const id = detail.emailId;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

/** The email ids named by an order's events. */
export function emailIdsOf(events: StoredEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const id = emailIdOf(parseDetail(e.detail));
    if (id) ids.add(id);
  }
  return [...ids];
}

/**
 * One list, oldest first: every recorded event, with the email behind each
 * event that names one (the emails table knows no order, the event does).
 */
export function buildTimeline(events: StoredEvent[], emails: EmailSummary[]): TimelineEntry[] {
  const byId = new Map(emails.map((m) => [m.id, m]));
  const entries = events.map((e): TimelineEntry => {
    const detail = parseDetail(e.detail);
    const facts: [string, string][] = [];
    for (const [k, v] of Object.entries(detail)) {
      if (HIDDEN.has(k)) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') facts.push([k, String(v)]);
    }
    const emailId = emailIdOf(detail);
    const email = emailId ? byId.get(emailId) : undefined;
    return { at: e.created_at, kind: e.kind, facts, email, emailId: email ? undefined : emailId };
  });
  // Stable: events written in the same millisecond keep the order they were read in.
  return entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.i - b.i))
    .map((x) => x.entry);
}
