/**
 * Where the buyer is, as the pieces of evidence kept with an order say, and
 * when the buyer must confirm the chosen country. Pure: no I/O.
 *
 * Art. 24b (d) Implementing Regulation (EU) No 282/2011: for electronic
 * services to consumers the customer is presumed to be where two pieces of
 * non-contradictory evidence from Art. 24f place them — (a) the billing
 * address (the chosen billing country), (b) the IP address's country,
 * (c) bank/card details (the card country, added from the payment), (f) other
 * commercially relevant information (the browser's Accept-Language region; a
 * verified VAT ID's country). Art. 24d (2): the tax authority can rebut the
 * presumption where the evidence points elsewhere.
 *
 * The rule: the chosen country stands when any other piece agrees with it
 * (two non-contradictory pieces). When the IP country contradicts it and no
 * other piece agrees, the buyer is asked to confirm the country; the order is
 * made only after that confirmation for exactly the posted country, and the
 * conflict and the confirmation are stored. Other contradictions (a browser
 * language of another country) are recorded only: they say little on their own.
 */

export type BillingCountrySource = 'buyer' | 'accept-language' | 'store';

/** A piece of evidence other than the billing country, by where it came from. */
export type EvidenceSource = 'ip' | 'language' | 'vat_id' | 'card';

export type EvidencePiece = { source: EvidenceSource; country: string | null };

/** A contradicting IP country the buyer has to confirm their chosen country against. */
export type CountryConflict = { chosen: string; ipCountry: string };

export type EvidenceVerdict = {
  /** true: a piece agrees; false: pieces contradict and none agrees; null: nothing to compare. */
  agree: boolean | null;
  /** Pieces whose country differs from the billing country. */
  conflicts: EvidenceSource[];
  /** Set: ask the buyer to confirm before ordering. */
  confirm: CountryConflict | null;
  /** The buyer confirmed the billing country against a conflict that would otherwise have stopped the order. */
  confirmedByBuyer: boolean;
};

/**
 * Weighs the pieces against the billing country. `confirmedCountry` is the
 * country the buyer confirmed in the form (the confirmation box's value): it
 * counts only for that same country, so a confirmation cannot carry over to
 * a country chosen afterwards.
 */
export function weighEvidence(
  billingCountry: string,
  pieces: readonly EvidencePiece[],
  confirmedCountry?: string | null,
): EvidenceVerdict {
  const known = pieces.filter((p): p is { source: EvidenceSource; country: string } => p.country !== null);
  const agreeing = known.filter((p) => p.country === billingCountry);
  const conflicts = known.filter((p) => p.country !== billingCountry).map((p) => p.source);
  const agree = agreeing.length > 0 ? true : conflicts.length > 0 ? false : null;
  const ip = known.find((p) => p.source === 'ip');
  const ipContradicts = ip !== undefined && ip.country !== billingCountry && agreeing.length === 0;
  const confirmed = ipContradicts && confirmedCountry === billingCountry;
  return {
    agree,
    conflicts,
    confirm: ipContradicts && !confirmed ? { chosen: billingCountry, ipCountry: ip.country } : null,
    confirmedByBuyer: confirmed,
  };
}

/**
 * The evidence as stored with an order (`orders.tax_evidence`, also
 * `subscriptions.tax_evidence`). Orders from before the GeoIP look-up have
 * `ipCountry: null` and no `confirmedByBuyer`.
 */
export type LocationEvidence = {
  billingCountry: string;
  billingCountrySource: BillingCountrySource;
  ip: string | null;
  ipCountry: string | null;
  acceptLanguage: string | null;
  languageCountry: string | null;
  vatIdCountry: string | null;
  /** true: a second piece agrees; false: one contradicts and none agrees; null: no second piece. */
  agree: boolean | null;
  conflicts: string[];
  /** The buyer confirmed the billing country after being told the IP country contradicts it. */
  confirmedByBuyer?: boolean | undefined;
  /** A VAT ID VIES could not be asked about: VAT was charged. */
  vatIdUnverified: string | null;
  viesError: string | null;
};
