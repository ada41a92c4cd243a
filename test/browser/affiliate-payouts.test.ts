// Affiliate payouts in a real browser: the creator runs the payouts, downloads
// the SEPA file (which passes the pain.001 schema) and a credit note, marks the
// file paid; the affiliate sees the payout in the partner portal.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isoIn, isoNow } from '../../src/db/time.js';
import { validatePain001 } from '../../src/features/affiliate-payouts/pain001-schema.testing.js';
import { payableCommission, seedPayee, seedPayoutStore } from '../../src/features/affiliate-payouts/payouts.testing.js';
import { PARTNER_COOKIE } from '../../src/features/affiliates/partner-session.js';
import { sha256 } from '../../src/features/library/sessions.js';
import { TEST_ADMIN } from '../../src/testing/app.js';
import { collectPageErrors, liveStoreWithBrowser, skipWithoutChromium } from './browser.js';

describe('browser: affiliate payouts from the run to the partner’s credit note', { skip: skipWithoutChromium }, () => {
  const live = liveStoreWithBrowser('Kräutergarten');

  test('run → SEPA file → credit note → file marked paid → the partner sees it', async () => {
    const { t, browser } = live;
    const { db } = t.services.database;
    await seedPayoutStore(db);
    const partner = await seedPayee(db, {
      name: 'Pat Partner',
      legal_name: 'Pat Müller',
      account_holder: 'Pat Müller',
    });
    await payableCommission(db, partner.id, 120_00);

    const admin = await browser.context.newPage();
    admin.setDefaultTimeout(20_000);
    const errors = collectPageErrors(admin);
    await admin.goto(`${t.base}/admin/login`);
    await admin.getByLabel('Email address').fill(TEST_ADMIN.email);
    await admin.getByLabel('Password', { exact: true }).fill(TEST_ADMIN.password);
    await Promise.all([admin.waitForURL(`${t.base}/admin`), admin.getByRole('button', { name: 'Sign in' }).click()]);
    await admin.getByRole('link', { name: 'Affiliate payouts' }).click();
    await admin.getByRole('heading', { name: 'Affiliate payouts' }).waitFor();

    await Promise.all([admin.waitForURL(/done=run/), admin.getByRole('button', { name: 'Run payouts now' }).click()]);
    await admin.getByText(/Payouts made: 1/).waitFor();
    const number = (await db.selectFrom('affiliate_payouts').select('credit_note_number').executeTakeFirstOrThrow())
      .credit_note_number;
    await Promise.all([admin.waitForURL(/done=sepa/), admin.getByRole('button', { name: 'Create SEPA file' }).click()]);

    const [file] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Download', exact: true }).click(),
    ]);
    const xml = readFileSync((await file.path())!, 'utf8');
    assert.deepEqual((await validatePain001(xml)).errors, []);
    assert.match(xml, /<Nm>Pat Mueller<\/Nm>/);
    assert.match(xml, /<InstdAmt Ccy="EUR">142\.80<\/InstdAmt>/);

    const [pdf] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'PDF' }).first().click(),
    ]);
    assert.equal(pdf.suggestedFilename(), `${number}.pdf`);
    assert.equal(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    await Promise.all([
      admin.waitForURL(/done=paid/),
      admin.getByRole('button', { name: /Mark the open payouts of file/ }).click(),
    ]);
    await admin.getByText('Payouts marked paid: 1.').waitFor();
    assert.deepEqual(errors, []);

    // The partner, signed in (the session the portal's emailed link starts).
    const token = randomBytes(32).toString('base64url');
    await db
      .insertInto('affiliate_sessions')
      .values({ id: sha256(token), affiliate_id: partner.id, created_at: isoNow(), expires_at: isoIn(3_600_000) })
      .execute();
    const partnerContext = await browser.context.browser()!.newContext({ locale: 'de-DE' });
    await partnerContext.addCookies([{ name: PARTNER_COOKIE, value: token, url: t.base }]);
    const page = await partnerContext.newPage();
    await page.goto(`${t.base}/partner/payouts`);
    await page.getByRole('heading', { name: 'Ihre Auszahlungen' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(number) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Bezahlt am/);
    await partnerContext.close();
  });
});
