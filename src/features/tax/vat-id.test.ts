import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { checkVatId } from './vat-id.js';
import { checkVies } from './vies.js';

describe('VAT ID offline check', () => {
  test('valid shapes and check digits', () => {
    for (const id of [
      'DE136695976',
      'de 136 695 976',
      'ATU13585627',
      'FR40303265045',
      'IT00743110157',
      'NL004495445B01',
      'ESA28015865',
      'EL094259216',
    ]) {
      assert.equal(checkVatId(id).ok, true, id);
    }
    const r = checkVatId('EL094259216');
    assert.ok(r.ok && r.country === 'GR' && r.prefix === 'EL');
  });
  test('wrong IDs say why', () => {
    assert.deepEqual(checkVatId('DE136695977'), { ok: false, reason: 'checksum' });
    assert.deepEqual(checkVatId('DE12345678'), { ok: false, reason: 'format' });
    assert.deepEqual(checkVatId('ATU13585628'), { ok: false, reason: 'checksum' });
    assert.deepEqual(checkVatId('IT00743110158'), { ok: false, reason: 'checksum' });
    assert.deepEqual(checkVatId('FR41303265045'), { ok: false, reason: 'checksum' });
    assert.deepEqual(checkVatId('NL004495445A01'), { ok: false, reason: 'format' });
    assert.deepEqual(checkVatId('US123456789'), { ok: false, reason: 'country' });
    assert.deepEqual(checkVatId('12'), { ok: false, reason: 'format' });
  });
});

describe('VIES client against a local stand-in', () => {
  let server: Server;
  let url = '';
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { vatNumber } = JSON.parse(body) as { vatNumber: string };
        if (vatNumber === '000000000') return; // never answers: a timeout
        res.setHeader('content-type', 'application/json');
        if (vatNumber === '111111111') {
          res.end(JSON.stringify({ actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] }));
          return;
        }
        if (vatNumber === '222222222') {
          res.statusCode = 500;
          res.end('{}');
          return;
        }
        const valid = vatNumber === '136695976';
        res.end(
          JSON.stringify({
            valid,
            requestIdentifier: valid ? 'WAPIAAAAW1234' : '',
            name: valid ? 'Muster GmbH' : '---',
            address: '---',
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/check-vat-number`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('valid with consultation number, invalid', async () => {
    const ok = await checkVies({ countryCode: 'DE', vatNumber: '136695976' }, { url });
    assert.equal(ok.status, 'valid');
    assert.ok(
      ok.status === 'valid' &&
        ok.consultationNumber === 'WAPIAAAAW1234' &&
        ok.name === 'Muster GmbH' &&
        ok.address === null,
    );
    assert.equal((await checkVies({ countryCode: 'DE', vatNumber: '123456789' }, { url })).status, 'invalid');
  });
  test('a timeout, a member state down, a server error: unavailable, never valid', async () => {
    const t = await checkVies({ countryCode: 'DE', vatNumber: '000000000' }, { url, timeoutMs: 200 });
    assert.deepEqual([t.status, t.status === 'unavailable' && t.error], ['unavailable', 'timeout']);
    const ms = await checkVies({ countryCode: 'DE', vatNumber: '111111111' }, { url });
    assert.deepEqual([ms.status, ms.status === 'unavailable' && ms.error], ['unavailable', 'MS_UNAVAILABLE']);
    assert.equal((await checkVies({ countryCode: 'DE', vatNumber: '222222222' }, { url })).status, 'unavailable');
    assert.equal(
      (await checkVies({ countryCode: 'DE', vatNumber: '1' }, { url: 'http://127.0.0.1:1/' })).status,
      'unavailable',
    );
  });
});
