/**
 * Net and VAT from gross prices, with integer maths only. Consumer prices are
 * gross (§ 1 PAngV); the VAT is computed per invoice per rate (§ 14 Abs. 4
 * Nr. 8 UStG: "den anzuwendenden Steuersatz sowie den auf das Entgelt
 * entfallenden Steuerbetrag"), rounded commercially (half away from zero) to
 * the currency's minor unit (Abschn. 14.5 Abs. 20 UStAE allows per-invoice rounding).
 */

/** a / b rounded half away from zero; b > 0. */
export function roundDiv(a: number, b: number): number {
  if (b <= 0 || !Number.isSafeInteger(a) || !Number.isSafeInteger(b))
    throw new RangeError('roundDiv needs integers, b > 0');
  const sign = a < 0 ? -1 : 1;
  const q = Math.floor((2 * Math.abs(a) + b) / (2 * b));
  return sign * q || 0;
}

/** The net part of a gross amount at `rateBp` basis points. */
export function netOfGross(grossMinor: number, rateBp: number): number {
  return roundDiv(grossMinor * 10_000, 10_000 + rateBp);
}

export type TaxLineInput = { grossMinor: number; rateBp: number };
export type RateGroup = { rateBp: number; grossMinor: number; netMinor: number; taxMinor: number };

/** Sums lines per rate, then splits each rate's gross once (never line by line). */
export function breakdownByRate(lines: readonly TaxLineInput[]): RateGroup[] {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.rateBp, (byRate.get(l.rateBp) ?? 0) + l.grossMinor);
  return [...byRate]
    .sort((a, b) => b[0] - a[0])
    .map(([rateBp, grossMinor]) => {
      const netMinor = netOfGross(grossMinor, rateBp);
      return { rateBp, grossMinor, netMinor, taxMinor: grossMinor - netMinor };
    });
}

/**
 * Each line's net share of its rate group's net, so line nets add up exactly to
 * the group (EN 16931 BR-CO-10 / BR-S-08): proportional, remainder to the largest line.
 */
export function lineNets(lines: readonly TaxLineInput[], groups: readonly RateGroup[]): number[] {
  const out = lines.map((l) => netOfGross(l.grossMinor, l.rateBp));
  for (const g of groups) {
    const idx = lines.map((l, i) => (l.rateBp === g.rateBp ? i : -1)).filter((i) => i >= 0);
    const sum = idx.reduce((s, i) => s + (out[i] ?? 0), 0);
    const diff = g.netMinor - sum;
    if (diff !== 0 && idx.length > 0) {
      const largest = idx.reduce((a, b) =>
        Math.abs(lines[b]?.grossMinor ?? 0) > Math.abs(lines[a]?.grossMinor ?? 0) ? b : a,
      );
      out[largest] = (out[largest] ?? 0) + diff;
    }
  }
  return out;
}
