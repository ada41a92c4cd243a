import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appFamily, networkOf } from './listener-origin.js';

test('networks: /24 for IPv4 (also IPv4-mapped), /48 for IPv6', () => {
  assert.equal(networkOf('203.0.113.77'), '203.0.113.0/24');
  assert.equal(networkOf('203.0.113.5'), networkOf('203.0.113.250'));
  assert.notEqual(networkOf('203.0.113.5'), networkOf('203.0.114.5'));
  assert.equal(networkOf('::ffff:198.51.100.9'), '198.51.100.0/24');
  assert.equal(networkOf('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
  assert.equal(networkOf('2001:db8:abcd:ffff:1:2:3:4'), '2001:db8:abcd::/48');
  assert.notEqual(networkOf('2001:db8:abcd::1'), networkOf('2001:db8:abce::1'));
  assert.equal(networkOf(undefined), 'unknown');
  assert.equal(networkOf('not an address'), 'unknown');
});

test('app families from real User-Agents', () => {
  const cases: [string | undefined, string][] = [
    ['AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; de_de)', 'apple-podcasts'],
    ['Podcasts/1700.3.1 CFNetwork/1494.0.7 Darwin/23.4.0', 'apple-podcasts'],
    ['Overcast/3.0 (+http://overcast.fm/; iOS podcast app)', 'overcast'],
    ['Pocket Casts', 'pocket-casts'],
    ['PocketCasts/1.0 (Pocket Casts Feed Parser; +http://pocketcasts.com/)', 'pocket-casts'],
    ['Castro 2024.4/1234 Like iTunes', 'castro'],
    ['Spotify/8.9.36 iOS/17.4 (iPhone15,2)', 'spotify'],
    ['AntennaPod/3.4.0', 'antennapod'],
    ['PodcastAddict/v5 - Dalvik/2.1.0 (Linux; U; Android 14)', 'podcast-addict'],
    ['Podverse/Feed Parser', 'podverse'],
    ['Fountain/1.0.4 (Android)', 'fountain'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'browser'],
    ['curl/8.5.0', 'other'],
    [undefined, 'other'],
  ];
  for (const [ua, family] of cases) assert.equal(appFamily(ua), family, String(ua));
});
