import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { testDialect } from '../../testing/database.js';
import { balances } from '../affiliates/ledger.js';
import { loadCiiValidator } from '../invoices/cii-validator.testing.js';
import { pdfText } from '../invoices/pdf-archive.testing.js';
import { validatePain001 } from './pain001-schema.testing.js';
import { payableCommission, seedPayee, seedPayoutStore } from './payouts.testing.js';
import { runPayouts } from './run-payouts.js';

const BASE = '/admin/affiliates/payouts';

describe(`affiliate payouts (${testDialect})`, () => {
  let t: TestApp;
  let admin: TestClient;
  const db = () => t.services.database.db;

  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
    await seedPayoutStore(db());
    admin = new TestClient(t.app);
    await admin.login();
  });
  after(() => t.close());
  beforeEach(async () => {
    await db().deleteFrom('affiliate_payouts').execute();
    await db().deleteFrom('affiliate_payout_batches').execute();
    await db().deleteFrom('affiliate_commission_entries').execute();
  });

  /** Posts a form with several values under one name, as a browser does for checkboxes. */
  const postChosen = async (url: string, ids: string[]) => {
    const csrf = await admin.csrfFrom(BASE);
    const body = new URLSearchParams([['_csrf', csrf], ...ids.map((id) => ['payoutIds', id] as [string, string])]);
    return t.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader },
    });
  };

  test('a run pays balances above the minimum once, with a credit note and the ledger entry in one go', async () => {
    const regular = await seedPayee(db());
    const small = await seedPayee(db(), { vat_status: 'small_business', legal_name: 'Kleine Agentur' });
    const below = await seedPayee(db());
    const noTax = await seedPayee(db(), { tax_number: null });
    await payableCommission(db(), regular.id, 120_00);
    await payableCommission(db(), small.id, 80_00);
    await payableCommission(db(), below.id, 49_99);
    await payableCommission(db(), noTax.id, 70_00);

    const res = await admin.postForm(`${BASE}/run`, {}, { formPage: BASE });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /done=run.*created=2.*skipped=2/);
    const notice = await admin.get(String(res.headers.location));
    assert.match(
      notice.body,
      /Not paid: (below the minimum \(1\), tax details or IBAN missing \(1\)|tax details or IBAN missing \(1\), below the minimum \(1\))\./,
    );

    const payouts = await db().selectFrom('affiliate_payouts').selectAll().orderBy('credit_note_number').execute();
    assert.equal(payouts.length, 2);
    const byAffiliate = new Map(payouts.map((p) => [p.affiliate_id, p]));
    const r = byAffiliate.get(regular.id)!;
    assert.deepEqual([r.net_minor, r.vat_minor, r.amount_minor, r.vat_scheme], [120_00, 22_80, 142_80, 'domestic']);
    const s = byAffiliate.get(small.id)!;
    assert.deepEqual([s.net_minor, s.vat_minor, s.amount_minor, s.vat_scheme], [80_00, 0, 80_00, 'small_business']);
    const year = new Date().getUTCFullYear();
    assert.deepEqual(
      payouts.map((p) => p.credit_note_number),
      [`GS-${year}-00001`, `GS-${year}-00002`],
    );
    // The ledger: what was payable is paid (net), the rest stays.
    const [rb] = await balances(db(), new Date(), regular.id);
    assert.equal(rb?.payableMinor, 0);
    const [bb] = await balances(db(), new Date(), below.id);
    assert.equal(bb?.payableMinor, 49_99);

    // Idempotent per (affiliate, month): a second run (a retried job, a double click) adds nothing.
    await payableCommission(db(), regular.id, 60_00);
    const again = await runPayouts(db(), { publicUrl: t.services.config.publicUrl });
    assert.ok(again.ok);
    assert.deepEqual(again.created, []);
    assert.ok(again.skipped.some((x) => x.affiliateId === regular.id && x.reason === 'already_paid'));
    assert.equal((await db().selectFrom('affiliate_payouts').selectAll().execute()).length, 2);
    // Each affiliate is told once, with the credit note's number and where to read it.
    const mails = await db()
      .selectFrom('emails')
      .select(['to_address', 'subject', 'text'])
      .where('template', '=', 'affiliate-payout')
      .orderBy('subject')
      .execute();
    assert.deepEqual(mails.map((m) => m.to_address).sort(), [regular.email, small.email].sort());
    assert.match(mails[0]?.subject ?? '', new RegExp(`credit note GS-${year}-0000[12]`));
    const toRegular = mails.find((m) => m.to_address === regular.email);
    assert.match(toRegular?.text ?? '', /€142\.80/);
    assert.match(toRegular?.text ?? '', /\/partner\/payouts/);
    // The refused attempt gave its number back: the next credit note continues without a gap.
    const counter = await db()
      .selectFrom('counters')
      .select('value')
      .where('name', '=', `affiliate-credit-note:${year}`)
      .executeTakeFirstOrThrow();
    assert.equal(Number(counter.value), 2);
  });

  test('three runs at once: one payout per affiliate, credit note numbers without gaps or doubles', async () => {
    const payees = [];
    for (let i = 0; i < 6; i++) payees.push(await seedPayee(db()));
    for (const p of payees) await payableCommission(db(), p.id, 50_00 + 1);
    const before = await db()
      .selectFrom('counters')
      .select('value')
      .where('name', 'like', 'affiliate-credit-note:%')
      .executeTakeFirst();
    const runs = await Promise.all([
      runPayouts(db(), { publicUrl: t.services.config.publicUrl }),
      runPayouts(db(), { publicUrl: t.services.config.publicUrl }),
      runPayouts(db(), { publicUrl: t.services.config.publicUrl }),
    ]);
    const created = runs.flatMap((r) => (r.ok ? r.created : []));
    assert.equal(created.length, 6);
    const rows = await db().selectFrom('affiliate_payouts').select(['credit_note_number', 'affiliate_id']).execute();
    assert.equal(new Set(rows.map((r) => r.affiliate_id)).size, 6);
    const seqs = rows.map((r) => Number(r.credit_note_number.slice(-5))).sort((a, b) => a - b);
    const start = Number(before?.value ?? 0) + 1;
    assert.deepEqual(
      seqs,
      [0, 1, 2, 3, 4, 5].map((i) => start + i),
    );
    const paid = await db()
      .selectFrom('affiliate_commission_entries')
      .select('id')
      .where('kind', '=', 'paid')
      .execute();
    assert.equal(paid.length, 6, 'one ledger entry per payout');
  });

  test('the SEPA file holds the open payouts, passes the schema, and marking paid closes them', async () => {
    const a = await seedPayee(db());
    const b = await seedPayee(db(), {
      legal_name: 'Zoë Ærø',
      account_holder: 'Zoë Ærø',
      bic: null,
      vat_status: 'not_liable',
      tax_number: null,
    });
    await payableCommission(db(), a.id, 100_00);
    await payableCommission(db(), b.id, 55_55);
    assert.ok((await runPayouts(db(), { publicUrl: t.services.config.publicUrl })).ok);

    const made = await postChosen(`${BASE}/sepa`, []);
    assert.match(String(made.headers.location), /done=sepa/);
    const batch = await db().selectFrom('affiliate_payout_batches').selectAll().executeTakeFirstOrThrow();
    assert.equal(batch.payout_count, 2);
    assert.equal(batch.total_minor, 119_00 + 55_55);
    const file = await admin.get(`${BASE}/files/${batch.id}`);
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /application\/xml/);
    const check = await validatePain001(file.body);
    assert.deepEqual(check.errors, []);
    assert.match(file.body, /<CtrlSum>174\.55<\/CtrlSum>/);
    assert.match(file.body, /<Nm>Zoe AEro<\/Nm>/);
    assert.match(file.body, /<Ustrd>Gutschrift GS-\d{4}-\d{5}<\/Ustrd>/);

    // Nothing left outside a file: a second file without a choice is refused with a message.
    const none = await postChosen(`${BASE}/sepa`, []);
    assert.match(String(none.headers.location), /error=nothing_open/);
    const page = await admin.get(String(none.headers.location));
    assert.match(page.body, /There is no open payout that is not in a SEPA file yet/);

    const ids = (await db().selectFrom('affiliate_payouts').select('id').orderBy('credit_note_number').execute()).map(
      (p) => p.id,
    );
    // One by hand, then the rest of the file once the bank ran it.
    const one = await postChosen(`${BASE}/mark-paid`, [ids[0]!]);
    assert.match(String(one.headers.location), /done=paid&count=1/);
    const rest = await admin.postForm(`${BASE}/files/${batch.id}/mark-paid`, {}, { formPage: BASE });
    assert.match(String(rest.headers.location), /done=paid&count=1/);
    const twice = await postChosen(`${BASE}/mark-paid`, ids);
    assert.match(String(twice.headers.location), /count=0/, 'a paid payout stays as it was');
    assert.match((await admin.get(String(twice.headers.location))).body, /Payouts marked paid: 0\./);
    assert.ok(
      (await db().selectFrom('affiliate_payouts').select('status').execute()).every((p) => p.status === 'paid'),
    );
    // A paid payout goes into no new file.
    assert.match(String((await postChosen(`${BASE}/sepa`, ids)).headers.location), /error=nothing_open/);
  });

  test('without the store’s own tax details no run starts, and the page says what to do', async () => {
    const a = await seedPayee(db());
    await payableCommission(db(), a.id, 60_00);
    await db().deleteFrom('settings').where('key', '=', 'tax.business_name').execute();
    try {
      const res = await admin.postForm(`${BASE}/run`, {}, { formPage: BASE });
      assert.match(String(res.headers.location), /error=tax_settings/);
      assert.match(
        (await admin.get(String(res.headers.location))).body,
        /Enter your business details in the tax settings/,
      );
      assert.equal((await db().selectFrom('affiliate_payouts').selectAll().execute()).length, 0);
    } finally {
      await seedPayoutStore(db());
    }
  });

  test('a payout to an account outside SEPA keeps the file from being made, and says which', async () => {
    const a = await seedPayee(db(), { iban: 'TR330006100519786457841326' });
    const b = await seedPayee(db(), { iban: 'DE02120300000000202052' });
    await payableCommission(db(), a.id, 60_00);
    await payableCommission(db(), b.id, 60_00);
    await runPayouts(db(), { publicUrl: t.services.config.publicUrl });
    const res = await postChosen(`${BASE}/sepa`, []);
    assert.match(String(res.headers.location), /error=iban/);
    const page = await admin.get(String(res.headers.location));
    const numbers = (
      await db().selectFrom('affiliate_payouts').select('credit_note_number').orderBy('credit_note_number').execute()
    ).map((p) => p.credit_note_number);
    assert.match(page.body, new RegExp(`not a valid IBAN of a SEPA country: ${numbers.join(' ')}`));
    assert.equal((await db().selectFrom('affiliate_payout_batches').selectAll().execute()).length, 0);
  });

  test('credit notes download as PDF and as XML that passes the EN 16931 rules', async () => {
    const a = await seedPayee(db(), {
      country: 'AT',
      vat_id: 'ATU13585627',
      tax_number: null,
      postcode: '1010',
      city: 'Wien',
    });
    await payableCommission(db(), a.id, 75_00);
    await runPayouts(db(), { publicUrl: t.services.config.publicUrl });
    const p = await db().selectFrom('affiliate_payouts').selectAll().executeTakeFirstOrThrow();
    assert.equal(p.vat_scheme, 'reverse_charge');
    const xml = await admin.get(`${BASE}/${p.id}/credit-note.xml`);
    assert.equal(xml.statusCode, 200);
    const validate = await loadCiiValidator();
    assert.deepEqual(validate(xml.body).errors, []);
    const pdf = await admin.get(`${BASE}/${p.id}/credit-note.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(await pdfText(pdf.rawPayload), /USt-IdNr\. ATU13585627|VAT ID ATU13585627/);
  });

  test('bad input: settings errors re-render the form; SEPA without an account is refused; pages need an admin', async () => {
    const bad = await admin.postForm(
      `${BASE}/settings`,
      {
        minimum: 'abc',
        debtorName: 'Store',
        debtorIban: 'DE00 1234',
        debtorBic: 'nope',
      },
      { formPage: BASE },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not a valid IBAN/);
    assert.match(bad.body, /not a valid BIC/);
    assert.match(bad.body, /aria-invalid="true"/);
    const ok = await admin.postForm(
      `${BASE}/settings`,
      { minimum: '25.00', debtorName: '', debtorIban: '', debtorBic: '' },
      { formPage: BASE },
    );
    assert.equal(ok.statusCode, 303);
    const a = await seedPayee(db());
    await payableCommission(db(), a.id, 30_00);
    assert.equal(
      (await runPayouts(db(), { publicUrl: t.services.config.publicUrl })).ok &&
        (await db().selectFrom('affiliate_payouts').selectAll().execute()).length,
      1,
    );
    assert.match(String((await postChosen(`${BASE}/sepa`, [])).headers.location), /error=no_account/);
    await seedPayoutStore(db());
    const anon = await t.app.inject({ method: 'GET', url: BASE });
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/admin\/login/);
    const stranger = new TestClient(t.app);
    const id = (await db().selectFrom('affiliate_payouts').select('id').executeTakeFirstOrThrow()).id;
    const mark = await stranger.postForm(`${BASE}/mark-paid`, { payoutIds: id }, { formPage: '/partner' });
    assert.ok([303, 403].includes(mark.statusCode), `refused: ${mark.statusCode}`);
    assert.notEqual(mark.headers.location, `${BASE}?done=paid&count=1`);
    for (const url of [`${BASE}/${id}/credit-note.pdf`, `${BASE}/${id}/credit-note.xml`]) {
      assert.equal((await stranger.get(url)).statusCode, 303, url);
    }
    assert.equal(
      (await db().selectFrom('affiliate_payouts').select('status').executeTakeFirstOrThrow()).status,
      'open',
    );
  });
});
