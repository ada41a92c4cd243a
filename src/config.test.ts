import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults give an embedded store under ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.match(c.databaseUrl, /^sqlite:.*data[/\\]vielfach\.db$/);
  assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(c.secureCookies, false);
  assert.equal(c.smtpUrl, undefined);
});

test('a bad value names the variable', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: Error) => e instanceof ConfigError && /PORT="eighty"/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SMTP_URL: 'http://mail' }), /SMTP_URL/);
  assert.throws(() => loadConfig({ PUBLIC_URL: 'not a url' }), /PUBLIC_URL/);
  assert.throws(() => loadConfig({ WORKER: 'maybe' }), /WORKER/);
});

test('an https public URL makes cookies secure', () => {
  const c = loadConfig({ PUBLIC_URL: 'https://shop.example.com/', PORT: '8080' });
  assert.equal(c.publicUrl, 'https://shop.example.com');
  assert.equal(c.secureCookies, true);
  assert.equal(c.port, 8080);
});

test('VIELFACH_DEMO: off by default, 1 gives an English demo store, de or en that language', () => {
  assert.equal(loadConfig({}).demo, false);
  assert.equal(loadConfig({ VIELFACH_DEMO: '0' }).demo, false);
  assert.equal(loadConfig({ VIELFACH_DEMO: '1' }).demo, 'en');
  assert.equal(loadConfig({ VIELFACH_DEMO: 'de' }).demo, 'de');
  assert.equal(loadConfig({ VIELFACH_DEMO: 'en' }).demo, 'en');
  assert.throws(() => loadConfig({ VIELFACH_DEMO: 'fr' }), /VIELFACH_DEMO/);
});
