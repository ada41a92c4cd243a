import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';
import type { PodcastFeed } from '../../db/schema.js';
import { tokenOf } from './feed-tokens.js';
import { privateFeedPath } from './links.js';

/**
 * The private feed's full URL and the ways into podcast apps: each app's own
 * URL scheme (they open the app's subscribe screen on the phone or Mac it is
 * installed on) and a QR code to carry the URL from a computer to a phone.
 */

const require = createRequire(import.meta.url);
/** qrcode is loaded with the first code drawn, not at start. */
let qrcode: typeof QRCodeModule | undefined;

export function privateFeedUrl(
  publicUrl: string,
  secret: string,
  feed: Pick<PodcastFeed, 'id' | 'show_id' | 'generation'>,
) {
  return `${publicUrl.replace(/\/+$/, '')}${privateFeedPath(feed.show_id, tokenOf(secret, feed))}`;
}

export type AppLinks = { apple: string; overcast: string; pocketCasts: string };

export function appLinks(feedUrl: string): AppLinks {
  const withoutScheme = feedUrl.replace(/^https?:\/\//, '');
  return {
    apple: `podcast://${withoutScheme}`,
    overcast: `overcast://x-callback-url/add?url=${encodeURIComponent(feedUrl)}`,
    pocketCasts: `pktc://subscribe/${withoutScheme}`,
  };
}

/** The feed URL as an SVG QR code, 256 px wide (fits a phone's screen beside the margins). */
export async function feedQrSvg(feedUrl: string): Promise<string> {
  qrcode ??= require('qrcode') as typeof QRCodeModule;
  return qrcode.toString(feedUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 256 });
}
