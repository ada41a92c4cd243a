import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isoIn, isoNow } from '../../db/time.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { testDialect } from '../../testing/database.js';
import { PARTNER_COOKIE } from '../affiliates/partner-session.js';
import { sha256 } from '../library/sessions.js';
import { payableCommission, seedPayee, seedPayoutStore } from './payouts.testing.js';
import { affiliatePayoutsPrivacyPart } from './privacy-part.js';
import { runPayouts } from './run-payouts.js';

describe(`partner payouts page (${testDialect})`, () => {
  let t: TestApp;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedPayoutStore(db());
  });
  after(() => t.close());

  /** A browser signed in to the portal as this affiliate (the session core's sign-in link would start). */
  async function partnerClient(affiliateId: string) {
    const token = randomBytes(32).toString('base64url');
    await db()
      .insertInto('affiliate_sessions')
      .values({ id: sha256(token), affiliate_id: affiliateId, created_at: isoNow(), expires_at: isoIn(3_600_000) })
      .execute();
    const client = new TestClient(t.app);
    client.setCookie(PARTNER_COOKIE, token);
    return client;
  }

  test('an affiliate sees only their own payouts and cannot fetch another’s credit note', async () => {
    const alice = await seedPayee(db(), { legal_name: 'Alice Agentur' });
    const bob = await seedPayee(db(), { legal_name: 'Bob Blog' });
    await payableCommission(db(), alice.id, 60_00);
    await payableCommission(db(), bob.id, 90_00);
    assert.ok((await runPayouts(db(), { publicUrl: t.services.config.publicUrl })).ok);
    const payoutOf = (id: string) =>
      db().selectFrom('affiliate_payouts').selectAll().where('affiliate_id', '=', id).executeTakeFirstOrThrow();
    const [mine, theirs] = [await payoutOf(alice.id), await payoutOf(bob.id)];

    const client = await partnerClient(alice.id);
    const page = await client.get('/partner/payouts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(mine.credit_note_number));
    assert.doesNotMatch(page.body, new RegExp(theirs.credit_note_number));
    assert.match(page.body, /71,40|71\.40/, 'gross: 60.00 + 19 %');

    const own = await client.get(`/partner/payouts/${mine.id}/credit-note.pdf`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['content-type'], 'application/pdf');
    assert.equal((await client.get(`/partner/payouts/${mine.id}/credit-note.xml`)).statusCode, 200);
    for (const kind of ['pdf', 'xml']) {
      const other = await client.get(`/partner/payouts/${theirs.id}/credit-note.${kind}`);
      assert.equal(other.statusCode, 404, `another affiliate's ${kind}`);
      assert.doesNotMatch(other.body, /Bob Blog/);
    }
    assert.equal((await client.get('/partner/payouts/not-a-uuid/credit-note.pdf')).statusCode, 400);

    // A data export (Art. 15 GDPR) of Alice holds her credit note, not Bob's.
    const exported = await affiliatePayoutsPrivacyPart.export!(db(), { address: alice.email, orderIds: [] });
    const list = exported.affiliatePayouts as {
      credit_note_number: string;
      creditNote: { seller: { name: string } };
    }[];
    assert.deepEqual(
      list.map((p) => p.credit_note_number),
      [mine.credit_note_number],
    );
    assert.equal(list[0]?.creditNote.seller.name, 'Alice Agentur');
  });

  test('without a partner session the page and documents send to the sign-in', async () => {
    const stranger = new TestClient(t.app);
    const page = await stranger.get('/partner/payouts');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/partner');
    const any = await db().selectFrom('affiliate_payouts').select('id').executeTakeFirstOrThrow();
    assert.equal((await stranger.get(`/partner/payouts/${any.id}/credit-note.pdf`)).statusCode, 303);
  });

  test('an affiliate without payouts is told when payouts come, in German too', async () => {
    const carol = await seedPayee(db());
    const client = await partnerClient(carol.id);
    client.setCookie('vf_lang', 'de');
    const page = await client.get('/partner/payouts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Noch keine Auszahlungen/);
    assert.match(page.body, /50,00\s€/);
  });
});
