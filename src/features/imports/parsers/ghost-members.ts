import type { ImportedMember, ImportParser, ParsedLine } from '../records.js';
import { type CsvLine, readCsv } from './csv.js';
import { readEmail, readFlag, readInstant, required } from './values.js';

/**
 * Ghost's members CSV (Members → ⋯ → Export all members), written by
 * Ghost's members-csv package: true/false flags, ISO times, labels and tiers
 * as comma lists. The export names tiers and the Stripe customer but no
 * price, interval or subscription id. Layout and sources: docs/import-formats.md.
 */

const REQUIRED = [
  'id',
  'email',
  'name',
  'subscribed_to_emails',
  'complimentary_plan',
  'stripe_customer_id',
  'created_at',
  'labels',
] as const;

function missingColumns(header: readonly string[]): string[] {
  return REQUIRED.filter((c) => !header.includes(c));
}

function list(cell: string): string[] {
  return cell
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Ghost exports no member status: a comped member has complimentary_plan
 * true; a member on a tier with a Stripe customer pays; on a tier without one
 * the access was given (a gift, or added by hand), so it is complimentary too.
 */
function plan(row: CsvLine, comped: boolean, joinedAt: string): ImportedMember['plan'] {
  // Exports of Ghost 4 name the column "products".
  const tiers = list(row.has('tiers') ? row.get('tiers') : row.get('products'));
  const tierName = tiers[0] ?? '';
  const customer = row.get('stripe_customer_id');
  if (comped) return { type: 'complimentary', tierName, until: null };
  if (tiers.length === 0) return { type: 'free' };
  if (customer === '') return { type: 'complimentary', tierName, until: null };
  return {
    type: 'paid',
    subscription: {
      planName: tierName,
      interval: 'month',
      priceMinor: 0,
      currency: '',
      status: 'active',
      startedAt: joinedAt,
      currentPeriodEnd: null,
      stripeCustomerId: customer,
      stripeSubscriptionId: null,
      priceUnknown: true,
    },
  };
}

function toLine(row: CsvLine): ParsedLine {
  const { line } = row;
  const id = required(row.get('id'), 'id');
  if (!id.ok) return { line, problem: id.problem };
  const email = readEmail(row.get('email'), 'email');
  if (!email.ok) return { line, problem: email.problem };
  const joined = readInstant(row.get('created_at'), 'created_at');
  if (!joined.ok) return { line, problem: joined.problem };
  const subscribed = readFlag(row.get('subscribed_to_emails'), 'subscribed_to_emails');
  if (!subscribed.ok) return { line, problem: subscribed.problem };
  const comped = readFlag(row.get('complimentary_plan'), 'complimentary_plan');
  if (!comped.ok) return { line, problem: comped.problem };
  return {
    line,
    record: {
      kind: 'member',
      externalId: id.value,
      person: {
        email: email.value,
        name: row.get('name'),
        country: null,
        // true: on at least one newsletter, which Ghost only does on the member's sign-up or
        // the creator's import. false does not say "unsubscribed" (it may be "never
        // subscribed"), so it gives no consent rather than a do-not-contact.
        consent: subscribed.value ? 'opted_in' : 'unknown',
      },
      joinedAt: joined.value,
      plan: plan(row, comped.value, joined.value),
      labels: list(row.get('labels')),
    },
  };
}

export const ghostMembers: ImportParser = {
  source: 'ghost',
  exportName: 'members CSV',
  missingColumns,
  async *parse(input) {
    for await (const row of readCsv(input, { missingColumns })) {
      yield 'problem' in row ? row : toLine(row);
    }
  },
};
