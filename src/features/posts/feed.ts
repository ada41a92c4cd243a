import { markdownToText } from '../../web/markdown.js';

/**
 * RSS 2.0 of public posts only, written by hand with every text escaped for
 * XML (the body goes in as escaped HTML in <description>, never CDATA, so no
 * text can close the element).
 */
/** Characters XML 1.0 does not allow at all (C0 controls except tab, LF, CR; U+FFFE, U+FFFF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(XML_FORBIDDEN, '');
}

export type FeedItem = {
  slug: string;
  title: string;
  excerpt: string;
  bodyHtml: string;
  publishedAt: string;
  id: string;
};

export function renderRss(opts: { storeName: string; publicUrl: string; language: string; items: FeedItem[] }): string {
  const { publicUrl } = opts;
  const items = opts.items
    .map((i) => {
      const link = `${publicUrl}/posts/${i.slug}`;
      return [
        '    <item>',
        `      <title>${escapeXml(i.title)}</title>`,
        `      <link>${escapeXml(link)}</link>`,
        `      <guid isPermaLink="false">${escapeXml(i.id)}</guid>`,
        `      <pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>`,
        `      <description>${escapeXml(i.bodyHtml || i.excerpt || markdownToText(i.title))}</description>`,
        '    </item>',
      ].join('\n');
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(opts.storeName)}</title>`,
    `    <link>${escapeXml(`${publicUrl}/posts`)}</link>`,
    `    <atom:link href="${escapeXml(`${publicUrl}/posts/feed.xml`)}" rel="self" type="application/rss+xml"/>`,
    `    <description>${escapeXml(opts.storeName)}</description>`,
    `    <language>${escapeXml(opts.language)}</language>`,
    items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
