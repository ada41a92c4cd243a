import { isIsoDay } from '../../domain/dates.js';

/** A reporting period from the query string: YYYY-MM-DD dates (UTC days), default the current quarter. */
export type Period = { from: string; to: string; fromIso: string; toIso: string; quarter: string };

export function periodOf(query: { from?: unknown; to?: unknown }, now = new Date()): Period {
  const y = now.getUTCFullYear();
  const qStart = Math.floor(now.getUTCMonth() / 3) * 3;
  const defFrom = new Date(Date.UTC(y, qStart, 1)).toISOString().slice(0, 10);
  const defTo = new Date(Date.UTC(y, qStart + 3, 0)).toISOString().slice(0, 10);
  const from = typeof query.from === 'string' && isIsoDay(query.from) ? query.from : defFrom;
  const to = typeof query.to === 'string' && isIsoDay(query.to) && query.to >= from ? query.to : defTo;
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const month = Number(from.slice(5, 7));
  return {
    from,
    to,
    fromIso: `${from}T00:00:00.000Z`,
    toIso: end.toISOString(),
    quarter: `Q${Math.ceil(month / 3)}/${from.slice(0, 4)}`,
  };
}
