import { lookup as dnsLookup } from 'node:dns/promises';
import { isInternalAddress, LOOPBACK_HOSTS } from './endpoint-input.js';

export type Lookup = (hostname: string) => Promise<readonly { address: string }[]>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Whether an endpoint's host name leads into the server's own networks: a
 * name whose addresses include a private, link-local (a cloud's metadata
 * service), reserved or loopback one is not sent to. The form refuses such
 * addresses written as numbers; names are only known when sending. The
 * loopback hosts the form allows over http (a receiver on the creator's
 * machine) stay allowed. A name that cannot be resolved is left to the
 * request, which fails on its own. (The request resolves the name again: a
 * name that changes its answer in between is not caught.)
 */
export async function leadsInside(url: string, lookup: Lookup = systemLookup): Promise<boolean> {
  const { hostname } = new URL(url);
  if (LOOPBACK_HOSTS.has(hostname)) return false;
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly { address: string }[];
  try {
    addresses = await lookup(bare);
  } catch {
    return false;
  }
  return addresses.some((a) => isInternalAddress(a.address));
}
