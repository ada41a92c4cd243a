import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setUpStore, type TestApp } from '../../testing/app.js';
import { emailHash, verifyLicenseFile } from './license-file.js';
import { storeSigningKey } from './signing-key.js';
import { buildLicensingTestApp, callApi, seedLicensedPurchase } from './testing.js';

describe('signed licence files', () => {
  let t: TestApp;
  before(async () => {
    t = await buildLicensingTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  async function activatedFile() {
    const p = await seedLicensedPurchase(t.services, { email: 'Off.Line@Example.com' });
    const act = await callApi(t.app, '/api/v1/licenses/activate', { license_key: p.key, instance_name: 'studio-pc' });
    const instanceId = act.json().instance.id as string;
    const res = await callApi(t.app, '/api/v1/licenses/file', { license_key: p.key, instance_id: instanceId });
    assert.equal(res.statusCode, 200);
    return { p, instanceId, doc: res.json() };
  }

  test('the file verifies with the public key the admin shows, and says what it licenses', async () => {
    const { p, instanceId, doc } = await activatedFile();
    const { publicKeyBase64, keyId } = await storeSigningKey(t.services.database.db);
    assert.deepEqual(Object.keys(doc).sort(), ['algorithm', 'key_id', 'payload', 'signature', 'version']);
    assert.equal(doc.algorithm, 'Ed25519');
    assert.equal(doc.key_id, keyId);
    assert.equal(Buffer.from(publicKeyBase64, 'base64').length, 32);

    const payload = verifyLicenseFile(doc, publicKeyBase64);
    assert.ok(payload, 'signature verifies');
    assert.equal(payload.key, p.key);
    assert.equal(payload.product.id, p.productId);
    assert.deepEqual(payload.instance, { id: instanceId, name: 'studio-pc' });
    assert.equal(payload.customer.email_sha256, emailHash('off.line@example.com'));
    assert.ok(!JSON.stringify(payload).toLowerCase().includes('off.line@example.com'), 'no plain address');
    assert.equal(payload.expires_at, null);
    assert.ok(Math.abs(Date.parse(payload.issued_at) - Date.now()) < 60_000);

    // exactly the snippet from docs/licensing.md, with only node:crypto
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyBase64, 'base64').toString('base64url') },
      format: 'jwk',
    });
    assert.equal(verify(null, Buffer.from(doc.payload), publicKey, Buffer.from(doc.signature, 'base64url')), true);
    // and with the PEM the admin also shows
    const pem = (await storeSigningKey(t.services.database.db)).publicKeyPem;
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(verify(null, Buffer.from(doc.payload), pem, Buffer.from(doc.signature, 'base64url')), true);
  });

  test('a tampered file, or one signed by another key, is rejected', async () => {
    const { doc } = await activatedFile();
    const { publicKeyBase64 } = await storeSigningKey(t.services.database.db);
    const claims = JSON.parse(Buffer.from(doc.payload, 'base64url').toString());
    const forged = {
      ...doc,
      payload: Buffer.from(JSON.stringify({ ...claims, activation_limit: null })).toString('base64url'),
    };
    assert.equal(verifyLicenseFile(forged, publicKeyBase64), undefined);
    const sig = Buffer.from(doc.signature, 'base64url');
    sig[0] = (sig[0] ?? 0) ^ 1;
    assert.equal(verifyLicenseFile({ ...doc, signature: sig.toString('base64url') }, publicKeyBase64), undefined);
    const otherStore = Buffer.alloc(32, 7).toString('base64');
    assert.equal(verifyLicenseFile(doc, otherStore), undefined);
    assert.equal(verifyLicenseFile({ payload: 1, signature: null }, publicKeyBase64), undefined);
  });

  test('one key pair per store, kept across restarts; files only for activated instances of usable keys', async () => {
    const { db } = t.services.database;
    const a = await storeSigningKey(db);
    const stored = await db.selectFrom('settings').select('value').where('key', '=', 'licensing.signing_key').execute();
    assert.equal(stored.length, 1);
    assert.equal(JSON.parse(stored[0]!.value).publicKey, a.publicKeyBase64);
    const p = await seedLicensedPurchase(t.services);
    const noInstance = await callApi(t.app, '/api/v1/licenses/file', { license_key: p.key, instance_id: 'nope' });
    assert.equal(noInstance.statusCode, 404);
    assert.deepEqual(noInstance.json(), { error: 'license_key instance not found.' });
  });
});
