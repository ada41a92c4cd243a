import ipaddr from 'ipaddr.js';

/**
 * Where an enclosure request comes from, coarse enough to say nothing about
 * a person: the network (/24 for IPv4, /48 for IPv6, so a phone moving
 * between addresses of one provider's block stays one network) and the
 * podcast app's family from its User-Agent. Sharing detection counts
 * distinct networks and apps per feed; public downloads are counted once per
 * network and app.
 */

export type AppFamily =
  | 'apple-podcasts'
  | 'overcast'
  | 'pocket-casts'
  | 'castro'
  | 'spotify'
  | 'antennapod'
  | 'podcast-addict'
  | 'podverse'
  | 'fountain'
  | 'browser'
  | 'other';

/** First match wins: specific apps before the engines they run on (Overcast and Castro send AppleCoreMedia too). */
const APP_PATTERNS: readonly [AppFamily, RegExp][] = [
  ['overcast', /overcast/i],
  ['pocket-casts', /pocket ?casts/i],
  ['castro', /castro/i],
  ['spotify', /spotify/i],
  ['antennapod', /antennapod/i],
  ['podcast-addict', /podcastaddict|podcast ?addict/i],
  ['podverse', /podverse/i],
  ['fountain', /fountain/i],
  ['apple-podcasts', /applecoremedia|^podcasts\/|itunes|apple ?podcasts|\bwatchOS\b.*podcasts/i],
  ['browser', /mozilla\/|chrome\/|safari\/|firefox\//i],
];

export function appFamily(userAgent: string | undefined): AppFamily {
  if (!userAgent) return 'other';
  const ua = userAgent.slice(0, 512);
  for (const [family, pattern] of APP_PATTERNS) if (pattern.test(ua)) return family;
  return 'other';
}

/** The request's network: `203.0.113.0/24` or `2001:db8:1::/48`; 'unknown' for what is no address. */
export function networkOf(ip: string | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  if (addr.kind() === 'ipv4') {
    const [a, b, c] = (addr as ipaddr.IPv4).octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 3);
  const prefix = new ipaddr.IPv6([...parts, 0, 0, 0, 0, 0]);
  return `${prefix.toString()}/48`;
}

export type ListenerOrigin = { network: string; app: AppFamily };

export function listenerOrigin(ip: string | undefined, userAgent: string | undefined): ListenerOrigin {
  return { network: networkOf(ip), app: appFamily(userAgent) };
}
