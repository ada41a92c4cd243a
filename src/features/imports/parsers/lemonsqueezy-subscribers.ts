import type { ImportedConsent, ImportParser, ParsedLine } from '../records.js';
import { countryCode } from './countries.js';
import { type CsvLine, readCsv } from './csv.js';
import { readEmail, readInstant, required } from './values.js';

/**
 * Lemon Squeezy's subscribers CSV (Store → Subscribers → Export): the store's
 * e-mail list, buyers and sign-ups alike, each with its marketing status. It
 * holds no purchases and no subscriptions, so each line is a free member.
 * Layout and sources: docs/import-formats.md.
 */

const REQUIRED = ['identifier', 'name', 'email', 'status', 'country', 'unsubscribed_at', 'created_at'] as const;

function missingColumns(header: readonly string[]): string[] {
  return REQUIRED.filter((c) => !header.includes(c));
}

/**
 * Lemon Squeezy confirms sign-ups by double opt-in ("requires_verification"
 * until confirmed), so "subscribed" is a recorded opt-in. Unsubscribed,
 * bounced, archived by the store and failed addresses are not to be mailed.
 */
const CONSENT: Record<string, ImportedConsent> = {
  subscribed: 'opted_in',
  requires_verification: 'unknown',
  unsubscribed: 'do_not_contact',
  bounced: 'do_not_contact',
  archived: 'do_not_contact',
  invalid_email: 'do_not_contact',
};

function toLine(row: CsvLine): ParsedLine {
  const { line } = row;
  const id = required(row.get('identifier'), 'identifier');
  if (!id.ok) return { line, problem: id.problem };
  const email = readEmail(row.get('email'), 'email');
  if (!email.ok) return { line, problem: email.problem };
  const status = row.get('status').toLowerCase();
  const statusConsent = CONSENT[status];
  if (!statusConsent) return { line, problem: { code: 'invalid_value', column: 'status', detail: row.get('status') } };
  // Lemon Squeezy keeps its times in UTC; a time written without zone is read as such.
  const joined = readInstant(row.get('created_at'), 'created_at', true);
  if (!joined.ok) return { line, problem: joined.problem };
  const unsubscribedAt = row.get('unsubscribed_at');
  if (unsubscribedAt !== '') {
    const at = readInstant(unsubscribedAt, 'unsubscribed_at', true);
    if (!at.ok) return { line, problem: at.problem };
  }
  return {
    line,
    record: {
      kind: 'member',
      externalId: id.value,
      person: {
        email: email.value,
        name: row.get('name'),
        country: countryCode(row.get('country')),
        // A date of unsubscribing outweighs any status.
        consent: unsubscribedAt !== '' ? 'do_not_contact' : statusConsent,
      },
      joinedAt: joined.value,
      plan: { type: 'free' },
      labels: [],
    },
  };
}

export const lemonSqueezySubscribers: ImportParser = {
  source: 'lemonsqueezy',
  exportName: 'subscribers CSV',
  missingColumns,
  async *parse(input) {
    for await (const row of readCsv(input, { missingColumns })) {
      yield 'problem' in row ? row : toLine(row);
    }
  },
};
