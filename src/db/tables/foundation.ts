import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Settings, admin access, durable jobs, email, audit log. */

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AdminUsersTable {
  id: string;
  email: string;
  password_hash: string;
  locale: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface AdminSessionsTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  /** 0 while a second factor is still owed. */
  verified: Generated<number>;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Failed admin logins per (normalised address, client IP); the address need not belong to an admin. */
export interface LoginThrottleTable {
  email: string;
  ip: string;
  failures: Generated<number>;
  locked_until: string | null;
  updated_at: string;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** Optional de-duplication key: enqueueing the same key twice yields one job. */
  unique_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type EmailStatus = 'queued' | 'sent' | 'failed';

export interface EmailsTable {
  id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  locale: string;
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  /** 'outbox' or 'smtp', set when it was handed over. */
  transport: string | null;
  message_id: string | null;
  error: string | null;
  /** JSON object of extra headers (e.g. List-Unsubscribe). */
  headers: string;
  /**
   * An iCalendar invitation (its METHOD inside: REQUEST, CANCEL) sent as a
   * text/calendar part and as invite.ics; null for an email without one.
   */
  calendar: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  sent_at: string | null;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  detail: string;
  created_at: string;
}

export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type Email = Selectable<EmailsTable>;
export type AdminUser = Selectable<AdminUsersTable>;
export type AdminUserUpdate = Updateable<AdminUsersTable>;
