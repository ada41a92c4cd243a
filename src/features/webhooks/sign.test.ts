import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { isAllowedEndpointUrl } from './endpoint-input.js';
import { failingTooLong, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './schedule.js';
import { newWebhookSecret, signWebhook } from './sign.js';

describe('signing by the Standard Webhooks specification', () => {
  test('the specification’s test vector', () => {
    const headers = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    assert.deepEqual(headers, {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  test('a new secret signs what the package’s verifier accepts, and another secret does not', () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'order.paid', data: { id: 'o-1' } });
    const headers = signWebhook(secret, 'msg_abc', new Date(), body);
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.throws(() => new Webhook(newWebhookSecret()).verify(body, headers));
    assert.throws(() => new Webhook(secret).verify(`${body} `, headers));
  });
});

describe('the retry schedule', () => {
  test('5 s, 5 min, 30 min, 2 h, 5 h, then 10 h until the attempts span three days', () => {
    const h = 3_600_000;
    assert.deepEqual(RETRY_DELAYS_MS, [
      5_000,
      300_000,
      1_800_000,
      2 * h,
      5 * h,
      10 * h,
      10 * h,
      10 * h,
      10 * h,
      10 * h,
      10 * h,
      10 * h,
    ]);
    assert.equal(MAX_ATTEMPTS, 13);
    const span = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    assert.ok(span >= 72 * h && span < 80 * h, `attempts span ${span / h} h`);
    assert.equal(retryDelayMs(1), 5_000);
    assert.equal(retryDelayMs(13), undefined);
  });

  test('an endpoint is disabled after 15 failures in a row spanning three days, not sooner', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    assert.equal(failingTooLong(15, '2026-03-07T12:00:00.000Z', now), true);
    assert.equal(failingTooLong(14, '2026-03-01T12:00:00.000Z', now), false);
    assert.equal(failingTooLong(100, '2026-03-07T12:00:01.000Z', now), false);
    assert.equal(failingTooLong(100, null, now), false);
  });
});

describe('endpoint addresses', () => {
  test('https anywhere, http only to this machine', () => {
    for (const ok of [
      'https://example.com/hook',
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://[::1]:9/x',
      'https://93.184.216.34/x',
    ])
      assert.equal(isAllowedEndpointUrl(ok), true, ok);
    for (const bad of [
      'http://example.com/hook',
      'ftp://example.com',
      'https://u:p@example.com',
      'example.com',
      '',
      'https://169.254.169.254/latest',
      'https://10.0.0.8/hook',
      'https://[fd00::1]/hook',
    ])
      assert.equal(isAllowedEndpointUrl(bad), false, bad);
  });
});
