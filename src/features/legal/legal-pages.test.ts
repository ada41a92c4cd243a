import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../../testing/app.js';
import { queueEmail } from '../email/queue-email.js';

describe('legal pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services);
  });
  after(() => t.close());

  test('every page answers under its English and German address, marked as a template until edited', async () => {
    for (const path of [
      '/impressum',
      '/privacy',
      '/datenschutz',
      '/terms',
      '/agb',
      '/withdrawal',
      '/widerruf',
      '/accessibility',
      '/barrierefreiheit',
    ]) {
      const res = await t.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.match(res.body, /Template text: the store has not reviewed this page yet/, path);
      // The footer of every page: all legal pages and the withdrawal button, no ODR platform.
      for (const link of ['/impressum', '/privacy', '/terms', '/withdrawal', '/accessibility', '/withdraw']) {
        assert.match(res.body, new RegExp(`href="${link}"`), `${path} links ${link}`);
      }
      assert.doesNotMatch(res.body, /ec\.europa\.eu\/consumers\/odr/);
    }
    const privacy = await t.app.inject('/privacy');
    assert.match(privacy.body, /no cookie banner/);
    const de = await t.app.inject({ url: '/widerruf', headers: { cookie: 'vf_lang=de' } });
    assert.match(de.body, /Muster-Widerrufsformular/);
    assert.match(de.body, /Vorlage: Der Shop hat diesen Text noch nicht geprüft/);
    assert.match(de.body, /Vertrag widerrufen/);
  });

  test('the admin fills in the legal notice and edits a page; both show publicly and are audited', async () => {
    const admin = new TestClient(t.app);
    await admin.login();
    const bad = await admin.postForm('/admin/legal/impressum', {
      name: 'Anna Beispiel',
      email: 'nope',
      contactForm: 'http://x',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /valid email address/);
    const saved = await admin.postForm('/admin/legal/impressum', {
      name: 'Anna Beispiel',
      address: 'Musterweg 1\n20095 Hamburg',
      email: 'anna@example.com',
      phone: '+49 40 123456',
      vatId: 'DE123456789',
      register: '',
      responsible: 'Anna Beispiel',
      contactForm: '',
    });
    assert.equal(saved.statusCode, 303);
    const impressum = await t.app.inject('/impressum');
    assert.match(impressum.body, /Anna Beispiel/);
    assert.match(impressum.body, /20095 Hamburg/);
    assert.match(impressum.body, /DE123456789/);
    assert.doesNotMatch(impressum.body, /Template text/);
    // The templates take the name and address from the legal notice.
    assert.match((await t.app.inject('/withdrawal')).body, /Anna Beispiel, Musterweg 1, 20095 Hamburg/);

    const editor = await admin.get('/admin/legal/pages/terms/de');
    assert.match(editor.body, /Geltungsbereich/);
    const empty = await admin.postForm(
      '/admin/legal/pages/terms/de',
      { body: '  ' },
      { formPage: '/admin/legal/pages/terms/de' },
    );
    assert.equal(empty.statusCode, 400);
    const r = await admin.postForm(
      '/admin/legal/pages/terms/de',
      { body: '## Unsere AGB\n\nGilt für alles. <script>alert(1)</script>' },
      { formPage: '/admin/legal/pages/terms/de' },
    );
    assert.equal(r.statusCode, 303);
    const agb = await t.app.inject({ url: '/agb', headers: { cookie: 'vf_lang=de' } });
    assert.match(agb.body, /Unsere AGB/);
    assert.doesNotMatch(agb.body, /<script>alert/);
    assert.doesNotMatch(agb.body, /Vorlage: Der Shop/);
    // The English version is still the template.
    assert.match((await t.app.inject('/terms')).body, /Template text/);

    const overview = await admin.get('/admin/legal');
    assert.match(overview.body, /Edited/);
    const audit = await t.services.database.db.selectFrom('audit_log').select('action').execute();
    assert.ok(audit.some((a) => a.action === 'legal.page.saved'));
    assert.ok(audit.some((a) => a.action === 'legal.impressum.saved'));
    // Only admins edit.
    assert.equal((await new TestClient(t.app).get('/admin/legal/pages/terms/de')).statusCode, 303);
  });

  test('every email links the legal pages and the withdrawal button in its footer', async () => {
    const db = t.services.database.db;
    const id = await queueEmail(db, {
      to: 'x@example.com',
      locale: 'de',
      template: 'test-message',
      data: { storeName: 'S' },
    });
    const mail = await db
      .selectFrom('emails')
      .selectAll()
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    const base = t.services.config.publicUrl;
    for (const path of ['/impressum', '/privacy', '/terms', '/withdrawal', '/accessibility', '/withdraw']) {
      assert.ok(mail.text.includes(`${base}${path}`), path);
      assert.ok(mail.html.includes(`href="${base}${path}"`), path);
    }
    assert.match(mail.text, /Impressum: /);
    assert.match(mail.text, /Vertrag widerrufen: /);
  });
});
