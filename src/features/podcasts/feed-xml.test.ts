import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { type FeedChannel, literal, podcastGuid, renderFeedXml, uuidV5 } from './feed-xml.js';

const channel: FeedChannel = {
  ...{ title: 'Q&amp;A & more <live>', link: 'https://shop.example/p/qa', description: 'About', language: 'en' },
  ...{ author: 'Ada', imageUrl: null, category: 'Arts', subcategory: null, explicit: true },
  ...{ selfUrl: 'https://shop.example/podcasts/x/feed.xml', guid: 'g', ownerEmail: 'a@shop.example' },
  ...{ ownerName: 'Ada', private: false },
};

test('podcast:guid follows the Podcasting 2.0 example', () => {
  assert.equal(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml'), '917393e3-1b1e-5cef-ace4-edaa54e1f810');
  assert.equal(podcastGuid('http://mp3s.nashownotes.com/pc20rss.xml/'), '917393e3-1b1e-5cef-ace4-edaa54e1f810');
  // RFC 9562's DNS example.
  assert.equal(
    uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
    '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  );
});

test('text reaches apps exactly as typed, entity-like or not', () => {
  assert.equal(literal('Q&amp;A & B'), 'Q&amp;amp;A & B');
  const item = {
    ...{ title: 'Fish &chips; ]]> end', guid: 'e1', pubDate: new Date('2026-03-01T08:00:00Z'), summary: '' },
    ...{ notesHtml: '<p>a ]]> b</p>', enclosure: { url: 'https://shop.example/a.mp3', length: 3, type: 'audio/mpeg' } },
    ...{ durationSeconds: 61, episode: null, season: null, episodeType: 'trailer' as const, explicit: false },
    ...{ chaptersUrl: null, transcript: null },
  };
  const body = renderFeedXml(channel, [item]);
  const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: false }).parse(body) as {
    rss: { channel: { title: string; item: Record<string, unknown>; 'itunes:explicit': string } };
  };
  assert.equal(parsed.rss.channel.title, 'Q&amp;A & more <live>');
  assert.equal(parsed.rss.channel.item.title, 'Fish &chips; ]]> end');
  assert.equal(parsed.rss.channel.item['content:encoded'], '<p>a ]]&gt; b</p>');
  assert.match(body, /<itunes:explicit>true<\/itunes:explicit>/);
  assert.match(body, /<itunes:email>a@shop\.example<\/itunes:email>/, 'the public feed names its owner');
  assert.doesNotMatch(body, /itunes:block|podcast:block/);
});
