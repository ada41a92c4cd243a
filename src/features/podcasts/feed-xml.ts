import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as XmlBuilder from 'xmlbuilder2';

/**
 * RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, from a prepared
 * model (no I/O: what to list and which texts to show is decided before).
 * Apple requires channel title, description, language, itunes:image,
 * itunes:category and itunes:explicit, and per item a title, an enclosure
 * with url, length and type, and a guid. Private feeds carry itunes:block
 * and podcast:block, so a directory never lists them.
 */

const NS = {
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  podcast: 'https://podcastindex.org/namespace/1.0',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
} as const;

export type FeedChannel = {
  title: string;
  /** The show's product page. */
  link: string;
  description: string;
  language: string;
  author: string;
  imageUrl: string | null;
  category: string;
  subcategory: string | null;
  explicit: boolean;
  selfUrl: string;
  /** podcast:guid, from the public feed URL (`podcastGuid`). */
  guid: string;
  /** podcast:locked's owner and itunes:owner's address; never set on private feeds' itunes:owner. */
  ownerEmail: string | null;
  ownerName: string;
  private: boolean;
};

export type FeedItem = {
  title: string;
  guid: string;
  pubDate: Date;
  summary: string;
  /** Sanitised HTML of the show notes. */
  notesHtml: string;
  enclosure: { url: string; length: number; type: string } | null;
  durationSeconds: number | null;
  episode: number | null;
  season: number | null;
  episodeType: 'full' | 'trailer' | 'bonus';
  explicit: boolean;
  chaptersUrl: string | null;
  transcript: { url: string; type: string } | null;
};

/**
 * Podcasting 2.0's namespace for podcast:guid (a UUIDv5 of the feed URL
 * without its scheme). Checked against the spec's example:
 * `mp3s.nashownotes.com/pc20rss.xml` gives 917393e3-1b1e-5cef-ace4-edaa54e1f810.
 */
const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** UUIDv5 (RFC 9562 §5.5): SHA-1 of namespace and name, with version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The spec: the feed URL without scheme and trailing slashes. */
export function podcastGuid(publicFeedUrl: string): string {
  return uuidV5(publicFeedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''), PODCAST_GUID_NAMESPACE);
}

/** xmlbuilder2 is loaded with the first feed, not at start (as in invoices/cii.ts). */
let xmlbuilder: typeof XmlBuilder | undefined;
function xmlBuilder(): typeof XmlBuilder {
  xmlbuilder ??= createRequire(import.meta.url)('xmlbuilder2') as typeof XmlBuilder;
  return xmlbuilder;
}

const yesNo = (b: boolean) => (b ? 'true' : 'false');

/**
 * xmlbuilder2 keeps what looks like an entity (`&amp;`, `&lt;`) in text and
 * attributes as it is, so a title typed as "Q&amp;A" would reach apps as
 * "Q&A". Its ampersand is escaped here; every other character xmlbuilder2
 * escapes itself.
 */
export function literal(text: string): string {
  return text.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
}

export function renderFeedXml(channel: FeedChannel, items: readonly FeedItem[]): string {
  const rss = xmlBuilder().create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', { version: '2.0' });
  for (const [prefix, uri] of Object.entries(NS)) rss.att('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, uri);
  const ch = rss.ele('channel');
  ch.ele('title').txt(literal(channel.title));
  ch.ele('link').txt(literal(channel.link));
  ch.ele('description').txt(literal(channel.description || channel.title));
  ch.ele('language').txt(literal(channel.language));
  ch.ele(NS.atom, 'atom:link', { href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' });
  ch.ele(NS.itunes, 'itunes:author').txt(literal(channel.author || channel.ownerName));
  ch.ele(NS.itunes, 'itunes:summary').txt(literal(channel.description || channel.title));
  if (channel.imageUrl) {
    ch.ele(NS.itunes, 'itunes:image', { href: channel.imageUrl });
    const image = ch.ele('image');
    image.ele('url').txt(literal(channel.imageUrl));
    image.ele('title').txt(literal(channel.title));
    image.ele('link').txt(literal(channel.link));
  }
  const category = ch.ele(NS.itunes, 'itunes:category', { text: literal(channel.category) });
  if (channel.subcategory) category.ele(NS.itunes, 'itunes:category', { text: literal(channel.subcategory) });
  ch.ele(NS.itunes, 'itunes:explicit').txt(yesNo(channel.explicit));
  ch.ele(NS.itunes, 'itunes:type').txt('episodic');
  const owner = ch.ele(NS.itunes, 'itunes:owner');
  owner.ele(NS.itunes, 'itunes:name').txt(literal(channel.ownerName));
  // A private feed is the listener's: it names no address to write to.
  if (!channel.private && channel.ownerEmail) owner.ele(NS.itunes, 'itunes:email').txt(literal(channel.ownerEmail));
  ch.ele(NS.podcast, 'podcast:guid').txt(channel.guid);
  const locked = ch.ele(NS.podcast, 'podcast:locked').txt('yes');
  if (channel.ownerEmail) locked.att('owner', channel.ownerEmail);
  if (channel.private) {
    ch.ele(NS.itunes, 'itunes:block').txt('Yes');
    ch.ele(NS.podcast, 'podcast:block').txt('yes');
  }
  for (const item of items) addItem(ch, item);
  return rss.end({ prettyPrint: false });
}

type Node = ReturnType<ReturnType<typeof XmlBuilder.create>['ele']>;

function addItem(ch: Node, item: FeedItem): void {
  const it = ch.ele('item');
  it.ele('title').txt(literal(item.title));
  it.ele('guid', { isPermaLink: 'false' }).txt(literal(item.guid));
  it.ele('pubDate').txt(item.pubDate.toUTCString().replace('GMT', '+0000'));
  it.ele('description').txt(literal(item.summary || item.title));
  // CDATA: xmlbuilder2's txt() leaves entities such as `&lt;` as they are, which would turn the
  // sanitiser's escaped `<script>` back into markup. `]]&gt;` reads the same in HTML.
  if (item.notesHtml) it.ele(NS.content, 'content:encoded').dat(item.notesHtml.replaceAll(']]>', ']]&gt;'));
  if (item.enclosure) {
    it.ele('enclosure', {
      url: item.enclosure.url,
      length: String(item.enclosure.length),
      type: item.enclosure.type,
    });
  }
  if (item.durationSeconds !== null) it.ele(NS.itunes, 'itunes:duration').txt(String(item.durationSeconds));
  if (item.season !== null) it.ele(NS.itunes, 'itunes:season').txt(String(item.season));
  if (item.episode !== null) it.ele(NS.itunes, 'itunes:episode').txt(String(item.episode));
  it.ele(NS.itunes, 'itunes:episodeType').txt(item.episodeType);
  it.ele(NS.itunes, 'itunes:explicit').txt(yesNo(item.explicit));
  if (item.chaptersUrl) {
    it.ele(NS.podcast, 'podcast:chapters', { url: item.chaptersUrl, type: 'application/json+chapters' });
  }
  if (item.transcript) {
    it.ele(NS.podcast, 'podcast:transcript', { url: item.transcript.url, type: item.transcript.type });
  }
}
