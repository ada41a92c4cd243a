import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newCertificateId, readCertificateId } from './public-id.js';

test('ids are 16 base32 characters in groups of four, and differ', () => {
  const ids = new Set(Array.from({ length: 1000 }, newCertificateId));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
});

test('a typed id is read in any case, without dashes, with O/I/L for 0/1', () => {
  assert.equal(readCertificateId('7kq3 m9xd 2htw cj4r'), '7KQ3-M9XD-2HTW-CJ4R');
  assert.equal(readCertificateId('7KQ3M9XD2HTWCJ4R'), '7KQ3-M9XD-2HTW-CJ4R');
  assert.equal(readCertificateId('OIL0-0000-0000-0000'), '0110-0000-0000-0000');
  assert.equal(readCertificateId('7KQ3-M9XD-2HTW-CJ4'), undefined);
  assert.equal(readCertificateId('7KQ3-M9XD-2HTW-CJ4U'), undefined);
  assert.equal(readCertificateId('x'.repeat(100)), undefined);
});
