import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../config.js';
import { ipCountryOf, publicAddress } from './ip-country.js';

const dir = mkdtempSync(join(tmpdir(), 'vf-geoip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_obj: object, msg: string) => void warnings.push(msg) } };
}

describe('IP address → country from the shipped database', () => {
  const { log, warnings } = recordingLog();
  const packaged = { path: loadConfig({}).geoipDatabase, log };

  test('the default is the ip-location-db file; GEOIP_DATABASE replaces it', () => {
    assert.match(packaged.path ?? '', /geo-whois-asn-country-mmdb[/\\]geo-whois-asn-country\.mmdb$/);
    assert.equal(loadConfig({ GEOIP_DATABASE: 'geo/fresh.mmdb' }).geoipDatabase, join(process.cwd(), 'geo/fresh.mmdb'));
  });

  // Ranges as the shipped file maps them: Deutsche Telekom (80.128.0.0/12, 2003::/19) and A1 Telekom Austria (77.116.0.0/14), Magenta Austria (2a02:8388::/28).
  test('public IPv4, IPv6 and IPv4-mapped IPv6 addresses', async () => {
    assert.equal(await ipCountryOf(packaged, '80.128.0.1'), 'DE');
    assert.equal(await ipCountryOf(packaged, '77.116.0.1'), 'AT');
    assert.equal(await ipCountryOf(packaged, '2003::1'), 'DE');
    assert.equal(await ipCountryOf(packaged, '2a02:8388::1'), 'AT');
    assert.equal(await ipCountryOf(packaged, '::ffff:77.116.0.1'), 'AT', 'a dual-stack socket’s IPv4 client');
    assert.equal(await ipCountryOf(packaged, '::FFFF:80.128.0.1'), 'DE');
  });

  test('private, loopback and documentation addresses are unknown, even where the file names a country', async () => {
    // The file maps 192.168.0.0/16 to AU and 2001:db8::/32 to JP: they must never count as evidence.
    for (const ip of ['192.168.1.1', '2001:db8::1', '10.1.2.3', '127.0.0.1', '::1', '::ffff:127.0.0.1', 'fe80::1']) {
      assert.equal(await ipCountryOf(packaged, ip), null, ip);
    }
    for (const ip of [null, undefined, '', 'junk', '1.2.3', '999.1.1.1']) {
      assert.equal(await ipCountryOf(packaged, ip), null, String(ip));
    }
    assert.deepEqual(warnings, []);
  });

  test('publicAddress writes IPv4-mapped addresses as IPv4 and refuses special ranges', () => {
    assert.equal(publicAddress('::ffff:80.128.0.1'), '80.128.0.1');
    assert.equal(publicAddress('2003:0000::0001'), '2003::1');
    assert.equal(publicAddress('100.64.0.1'), null, 'carrier-grade NAT');
    assert.equal(publicAddress('203.0.113.9'), null, 'documentation range');
  });
});

describe('a missing or broken database', () => {
  test('is logged once and answers null', async () => {
    const { log, warnings } = recordingLog();
    const missing = { path: join(dir, 'missing.mmdb'), log };
    assert.equal(await ipCountryOf(missing, '80.128.0.1'), null);
    assert.equal(await ipCountryOf(missing, '77.116.0.1'), null);
    assert.deepEqual(warnings, ['GeoIP database unreadable: IP countries are not recorded']);

    const brokenFile = join(dir, 'broken.mmdb');
    writeFileSync(brokenFile, 'not a MaxMind database');
    const broken = { path: brokenFile, log };
    assert.equal(await ipCountryOf(broken, '80.128.0.1'), null);
    assert.equal(await ipCountryOf(broken, '80.128.0.1'), null);
    assert.equal(warnings.length, 2);
  });

  test('no database configured: logged once, null', async () => {
    const { log, warnings } = recordingLog();
    assert.equal(await ipCountryOf({ path: undefined, log }, '80.128.0.1'), null);
    assert.equal(await ipCountryOf({ path: undefined, log }, '80.128.0.1'), null);
    assert.deepEqual(warnings, ['no GeoIP database installed: IP countries are not recorded']);
  });
});
