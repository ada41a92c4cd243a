import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Reader, Response } from 'maxmind';
import { isBillingCountry } from './countries.js';

/**
 * The country of a client's IP address from a local MaxMind-format database
 * (.mmdb), one piece of location evidence (Art. 24f (b) Implementing
 * Regulation (EU) 282/2011). Nothing is looked up online. The file is read
 * once per process on first use and shared; a missing or broken file is
 * logged once and every look-up answers null, so a checkout never fails on it.
 */

/** ip-location-db's files hold `country_code`; MaxMind's and DB-IP's GeoLite-style files `country.iso_code`. */
type CountryRow = { country_code?: unknown; country?: { iso_code?: unknown } };

export type GeoIpSource = {
  /** The .mmdb file; undefined when none is installed. */
  path: string | undefined;
  log: { warn: (obj: object, msg: string) => void };
};

const readers = new Map<string, Promise<Reader<Response> | null>>();

function readerFor(source: GeoIpSource): Promise<Reader<Response> | null> {
  const key = source.path ?? '';
  let reader = readers.get(key);
  if (!reader) {
    if (source.path) {
      // maxmind is loaded with the first look-up, not at start.
      const path = source.path;
      reader = import('maxmind')
        .then((m) => m.default.open<Response>(path))
        .catch((err: unknown) => {
          source.log.warn({ err, path: source.path }, 'GeoIP database unreadable: IP countries are not recorded');
          return null;
        });
    } else {
      source.log.warn({}, 'no GeoIP database installed: IP countries are not recorded');
      reader = Promise.resolve(null);
    }
    readers.set(key, reader);
  }
  return reader;
}

/**
 * A public address in canonical form, IPv4-mapped IPv6 (::ffff:1.2.3.4) as
 * IPv4; null for private, loopback, link-local, carrier-grade NAT,
 * documentation and other special ranges (public databases map some of them
 * to arbitrary countries).
 */
export function publicAddress(ip: string | null | undefined): string | null {
  if (!ip || isIP(ip) === 0) return null;
  const addr = ipaddr.process(ip);
  return addr.range() === 'unicast' ? addr.toString() : null;
}

/** ISO country of a public IP address, or null (unknown, not public, no database). */
export async function ipCountryOf(source: GeoIpSource, ip: string | null | undefined): Promise<string | null> {
  const address = publicAddress(ip);
  if (!address) return null;
  const reader = await readerFor(source);
  if (!reader) return null;
  const row = reader.get(address) as CountryRow | null;
  const code = row?.country_code ?? row?.country?.iso_code;
  return typeof code === 'string' && isBillingCountry(code.toUpperCase()) ? code.toUpperCase() : null;
}
