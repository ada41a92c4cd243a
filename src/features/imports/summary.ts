import type { LineOutcome } from './outcome.js';

/**
 * A run's counters, one JSON object: lines, create/merge/skip, each skip
 * reason (`skip:refunded`) and each effect (`product:create`). Pure.
 */
export type ImportSummary = Record<string, number>;

export function summarise(outcomes: readonly LineOutcome[], into: ImportSummary = {}): ImportSummary {
  const add = (k: string) => {
    into[k] = (into[k] ?? 0) + 1;
  };
  for (const o of outcomes) {
    add('lines');
    add(o.action);
    if (o.reason) add(`skip:${o.reason}`);
    for (const e of o.effects) add(e);
  }
  return into;
}

export function parseSummary(json: string): ImportSummary {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as ImportSummary) : {};
  } catch {
    return {};
  }
}
