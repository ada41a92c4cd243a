import { hash } from 'node:crypto';

/**
 * Cookie-free visitor counting, as privacy-friendly web analytics do it: a
 * visitor is sha256(daily salt, IP, user agent, day). The IP address itself
 * is never stored, and once the salt is replaced yesterday's hashes cannot be
 * linked to today's or recomputed from an address.
 */
export function visitorHash(salt: string, ip: string, userAgent: string, day: string): string {
  return hash('sha256', `${salt}\n${ip}\n${userAgent}\n${day}`, 'base64url').slice(0, 32);
}

const BOT = /bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|headless|lighthouse/i;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || BOT.test(userAgent);
}

/** Only the referring site's host, never its path; '' for direct visits and this store's own pages. */
export function referrerHost(referer: string | undefined, ownHost: string | undefined): string {
  if (!referer) return '';
  try {
    const u = new URL(referer);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const own = ownHost
      ?.toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^www\./, '');
    return host === own ? '' : host.slice(0, 100);
  } catch {
    return '';
  }
}

/** utm_source wins over the referrer header as the source; utm_campaign names the campaign. */
export function trafficSource(
  query: Record<string, unknown>,
  referer: string | undefined,
  ownHost: string | undefined,
): { referrer: string; campaign: string } {
  const clean = (v: unknown) =>
    typeof v === 'string'
      ? v
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} ._-]/gu, '')
          .slice(0, 60)
      : '';
  const source = clean(query.utm_source);
  return { referrer: source || referrerHost(referer, ownHost), campaign: clean(query.utm_campaign) };
}
