// Stripe notifications while Stripe cannot be used (never connected, or keys
// that cannot be opened): anyone can post them, so they are answered with a
// plain 503 and never fill the error log.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../app.js';
import { buildTestApp, setUpStore, type TestApp } from '../../testing/app.js';
import { httpRequest, listenLocal } from '../../testing/http.js';
import { clearStripeSettingsCache, loadStripeSettings } from './stripe/stripe-settings.js';

describe('Stripe webhook while Stripe is not available', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let base: string;
  const lines: { level: number; msg?: string }[] = [];

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    // The same services, with a logger that keeps every line (debug and up).
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l));
        done();
      },
    });
    app = await buildApp({ ...t.services, log: pino({ level: 'debug' }, sink) });
    base = await listenLocal(app);
  });
  after(async () => {
    await app.close();
    await t.close();
  });

  const post = () =>
    httpRequest(base, '/api/v1/payments/stripe/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: JSON.stringify({ id: 'evt_1', type: 'checkout.session.completed' }),
    });

  async function assertQuiet503(): Promise<void> {
    lines.length = 0;
    for (let i = 0; i < 5; i++) {
      const r = await post();
      assert.equal(r.status, 503);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
      assert.equal(JSON.parse(r.body).code, 'provider_unavailable');
    }
    const loud = lines.filter((l) => l.level >= 40);
    assert.deepEqual(loud, [], 'no warning or error line for these requests');
    assert.ok(lines.length > 0, 'the logger did see the requests');
  }

  test('never connected: 503 problem+json, nothing at warning level or above', async () => {
    await assertQuiet503();
  });

  test('keys stored but unreadable: the same', async () => {
    await t.services.database.db
      .insertInto('settings')
      .values([
        { key: 'stripe.secret_key', value: 'not-a-sealed-secret' },
        { key: 'stripe.webhook_secret', value: 'not-a-sealed-secret' },
      ])
      .execute();
    clearStripeSettingsCache(t.services.database.db);
    assert.equal((await loadStripeSettings(t.services.database.db, t.services.config)).kind, 'unreadable');
    await assertQuiet503();
  });
});
