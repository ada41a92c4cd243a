/**
 * What every importer's parser turns a platform's export into: one record per
 * line, in our own terms, so that applying them (dry run or for real) is the
 * same code for every platform. Parsers are pure (CSV text in, records out);
 * nothing here touches the database.
 */

export type ImportSource = 'gumroad' | 'lemonsqueezy' | 'ghost' | 'digistore24';

/**
 * Marketing consent as the export states it. Imports never upgrade it:
 * 'do_not_contact' unsubscribes, 'unknown' leaves the person without
 * newsletter consent, 'opted_in' is kept as an imported consent only where
 * the platform records an explicit opt-in (Ghost's `subscribed_to_emails`).
 */
export type ImportedConsent = 'opted_in' | 'unknown' | 'do_not_contact';

export type ImportedPerson = {
  /** Trimmed and lower-cased by the parser. */
  email: string;
  /** '' when the export has none. */
  name: string;
  /** ISO 3166-1 alpha-2 or null. */
  country: string | null;
  consent: ImportedConsent;
};

export type ImportedLicenceKey = {
  /** Verbatim, as the customer's software sends it. */
  key: string;
  /** Activations already used (Gumroad "uses", Lemon Squeezy activation usage). */
  activations: number;
  /** null: unlimited. */
  activationLimit: number | null;
  disabled: boolean;
  /** ISO instant or null (never expires). */
  expiresAt: string | null;
};

export type ImportedSubscription = {
  /** Plan name as the platform calls it; mapped to a tier by name (or created as a draft tier). */
  planName: string;
  interval: 'month' | 'year';
  priceMinor: number;
  currency: string;
  status: 'active' | 'cancelled' | 'past_due' | 'expired';
  /** ISO instants. */
  startedAt: string;
  /** End of the paid period (access until), or null when the export does not say. */
  currentPeriodEnd: string | null;
  /** Stripe ids when the platform billed through the creator's own Stripe account (Ghost). */
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  /**
   * Set when the export does not carry the price (Ghost's members CSV names
   * the tier and the Stripe customer, nothing more): priceMinor is then 0,
   * currency '' and interval 'month' as placeholders, status 'active' and
   * currentPeriodEnd null; the price is the tier's of that name or the Stripe
   * subscription's.
   */
  priceUnknown?: true;
};

/** A one-off purchase (Gumroad sale, Digistore24 purchase, Lemon Squeezy order behind a key). */
export type ImportedSale = {
  kind: 'sale';
  /** The platform's own id of the sale/purchase; (source, externalId) makes the import idempotent. */
  externalId: string;
  person: ImportedPerson;
  /** The platform's product id (or its name when it has no id), and the product's name. */
  productExternalId: string;
  productName: string;
  /** What the buyer paid, gross, in minor units. */
  priceMinor: number;
  currency: string;
  /** ISO instant. */
  purchasedAt: string;
  refunded: boolean;
  licenceKey: ImportedLicenceKey | null;
  /** Gumroad/Digistore24 recurring sales: the subscription this sale belongs to. */
  subscription: ImportedSubscription | null;
};

/** A member/subscriber without a one-off sale (Ghost member, Lemon Squeezy subscriber). */
export type ImportedMember = {
  kind: 'member';
  externalId: string;
  person: ImportedPerson;
  /** ISO instant of joining. */
  joinedAt: string;
  /** Free member, a paid subscription, or a complimentary (gifted) plan on a tier. */
  plan:
    | { type: 'free' }
    | { type: 'paid'; subscription: ImportedSubscription }
    | { type: 'complimentary'; tierName: string; until: string | null };
  /** Labels/tags from the platform, kept for the creator's reference. */
  labels: string[];
};

/** A licence key exported on its own (Lemon Squeezy's licence keys export). */
export type ImportedLicence = {
  kind: 'licence';
  externalId: string;
  person: ImportedPerson;
  productExternalId: string;
  productName: string;
  /** ISO instant the key was issued. */
  issuedAt: string;
  licenceKey: ImportedLicenceKey;
};

export type ImportRecord = ImportedSale | ImportedMember | ImportedLicence;

/** Why a line was not turned into a record (shown per line in the dry run). */
export type LineProblem = {
  code: 'missing_column' | 'invalid_email' | 'invalid_amount' | 'invalid_date' | 'unsupported_row' | 'invalid_value';
  column?: string;
  detail?: string;
};

/** One line of the file: a record, or the reason it cannot be one. `line` is 1-based, the header being line 1. */
export type ParsedLine = { line: number; record: ImportRecord } | { line: number; problem: LineProblem };

/** A platform's parser: streams lines out of the export, never holding the whole file. */
export type ImportParser = {
  source: ImportSource;
  /** Which export of the platform it reads, e.g. "sales CSV". */
  exportName: string;
  /** Checks the header row; returns the names of required columns that are missing (empty: this parser fits). */
  missingColumns(header: readonly string[]): string[];
  parse(input: AsyncIterable<Buffer | string>): AsyncIterable<ParsedLine>;
};
