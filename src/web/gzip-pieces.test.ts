import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, gzipOf, gzipPiece } from './gzip-pieces.js';

const text = (n: number, seed: string) => Buffer.from(seed.repeat(Math.ceil(n / seed.length)).slice(0, n));

test('fixed pieces and slots make one gzip member of the whole page (CRC and length checked by gunzip)', () => {
  const cases: (Buffer | { fixed: Buffer })[][] = [
    [{ fixed: text(15_000, '<option value="DE">Deutschland</option>') }],
    [{ fixed: text(200, '<head>') }, Buffer.from('token-1'), { fixed: text(9000, '<p>x</p>') }],
    [
      Buffer.from('slot first'),
      { fixed: text(10, 'a') },
      Buffer.alloc(0),
      { fixed: Buffer.alloc(0) },
      Buffer.from('last'),
    ],
    // A slot longer than one stored block, random (incompressible) bytes, and a page of one byte.
    [{ fixed: randomBytes(70_000) }, randomBytes(140_000), { fixed: text(3, 'zz') }],
    [{ fixed: Buffer.from('x') }],
  ];
  for (const pieces of cases) {
    const whole = Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : p.fixed)));
    const gz = gzipOf(pieces.map((p) => (Buffer.isBuffer(p) ? p : gzipPiece(p.fixed))));
    assert.deepEqual(gunzipSync(gz), whole);
  }
});

test('the same fixed pieces serve any number of different slots', () => {
  const head = gzipPiece(text(3000, '<nav>links</nav>'));
  const tail = gzipPiece(text(5000, '<footer>© 2026</footer>'));
  for (const token of ['a', 'bb', randomBytes(40).toString('base64url')]) {
    const gz = gzipOf([head, Buffer.from(token), tail]);
    assert.equal(
      gunzipSync(gz).toString(),
      `${text(3000, '<nav>links</nav>')}${token}${text(5000, '<footer>© 2026</footer>')}`,
    );
    assert.ok(gz.length < 1000, 'the fixed pieces stay compressed');
  }
});

test('gzip is sent only to clients that take it', () => {
  for (const yes of ['gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8', 'GZIP', 'x-gzip', 'deflate, gzip;q=0.5']) {
    assert.equal(acceptsGzip(yes), true, yes);
  }
  for (const no of [undefined, '', 'br', 'identity', 'gzip;q=0', 'br, gzip; q=0', '*', 'gzipper']) {
    assert.equal(acceptsGzip(no), false, String(no));
  }
});
