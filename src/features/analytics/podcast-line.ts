import type { AnalyticsData } from './dashboard-data.js';
import { hourlyRateMinor } from './leverage.js';
import type { ProductRow } from './report.js';

export type PodcastLine = {
  /** Net of the shows' own sales (sold as a one-off series). */
  ownMinor: number;
  /** Net of the membership tiers that include a show, each tier once. */
  tiersMinor: number;
  netMinor: number;
  /** Hours recorded on the shows. */
  minutes: number;
  rateMinor: number | undefined;
  downloads: number;
  count: number;
};

/**
 * Podcasts as a 1:n line: what the shows earn — their own sales plus the
 * tiers that include them (a tier counts once however many shows it
 * includes) — per hour recorded on the shows. The tiers' income also stays in
 * the memberships line: a podcast is one reason to be a member, and its
 * share of a membership cannot be told apart, so both lines show the whole.
 */
export function podcastLine(products: readonly ProductRow[], shows: AnalyticsData['podcasts']): PodcastLine {
  const byId = new Map(products.map((p) => [p.id, p]));
  const own = shows.map((s) => byId.get(s.productId));
  const tierIds = new Set(shows.flatMap((s) => s.tierProductIds));
  const ownMinor = own.reduce((a, p) => a + (p?.netMinor ?? 0), 0);
  const tiersMinor = [...tierIds].reduce((a, id) => a + (byId.get(id)?.netMinor ?? 0), 0);
  const minutes = own.reduce((a, p) => a + (p?.minutes ?? 0), 0);
  return {
    ownMinor,
    tiersMinor,
    netMinor: ownMinor + tiersMinor,
    minutes,
    rateMinor: hourlyRateMinor(ownMinor + tiersMinor, minutes),
    downloads: shows.reduce((a, s) => a + s.downloads, 0),
    count: shows.length,
  };
}
