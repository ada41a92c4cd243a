import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERNAL_TARGET, postWebhook } from './send-attempt.js';
import { leadsInside } from './target-address.js';

const answers =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address }));

describe('webhook targets whose name leads into our own networks', () => {
  test('a name resolving to a private, link-local or loopback address leads inside; a public one does not', async () => {
    assert.equal(await leadsInside('https://hooks.example.com/x', answers('10.0.0.5')), true);
    assert.equal(await leadsInside('https://hooks.example.com/x', answers('169.254.169.254')), true);
    assert.equal(await leadsInside('https://hooks.example.com/x', answers('93.184.216.34', '127.0.0.1')), true);
    assert.equal(await leadsInside('https://hooks.example.com/x', answers('fd00::1')), true);
    assert.equal(await leadsInside('https://hooks.example.com/x', answers('::ffff:192.168.1.2')), true);
    assert.equal(
      await leadsInside('https://hooks.example.com/x', answers('93.184.216.34', '2606:2800:220:1::1')),
      false,
    );
  });

  test('the loopback hosts the form allows stay allowed; a name that does not resolve is left to the request', async () => {
    const never = async () => assert.fail('no look-up for a loopback host');
    assert.equal(await leadsInside('http://127.0.0.1:4000/hook', never), false);
    assert.equal(await leadsInside('http://localhost:4000/hook', never), false);
    const fails = async () => {
      throw new Error('ENOTFOUND');
    };
    assert.equal(await leadsInside('https://no-such-host.invalid/x', fails), false);
  });

  test('an attempt to such a host is recorded as not sent, without a request', async () => {
    const outcome = await postWebhook(
      'https://hooks.example.com/x',
      {} as never,
      '{}',
      undefined,
      answers('192.168.0.10'),
    );
    assert.deepEqual(outcome, { ok: false, statusCode: null, error: INTERNAL_TARGET });
  });
});
