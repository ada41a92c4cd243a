import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMessage } from '../email/testing-smtp.js';
import '../index.js'; // the texts come from the feature list
import { buildMime, compileMimeTemplate, envelopeAddress } from './mime.js';
import { greetingFor, renderNewsletterTemplate } from './newsletter-email.js';

test('a pre-encoded newsletter is valid MIME: short lines, 7-bit, headers and bodies decode to what was written', () => {
  const long = `${'Zinsen & Märkte <im> Überblick — '.repeat(40)}=?x?= %%not-a-placeholder%%`;
  const tpl = renderNewsletterTemplate({
    post: { title: 'Börsenbrief — März', slug: 'maerz', body_md: `**Fett** und ${long}\n\n.leading dot line` },
    locale: 'de',
    storeName: 'Brief & Co',
    publicUrl: 'https://letters.example',
    footer: [{ label: 'Impressum', url: 'https://letters.example/impressum' }],
  });
  const mime = compileMimeTemplate(tpl, 'Brief & Co Versand <news@letters.example>');
  const greeting = greetingFor('de', 'Jürgen <J>');
  const raw = buildMime(mime, {
    to: 'j@example.com',
    messageId: 'p.m@vielfach',
    greetingHtml: greeting.html,
    greetingText: greeting.text,
    unsubscribeUrl: 'https://letters.example/unsubscribe/abc?s=x_y-z',
    headers: {
      'List-Unsubscribe': '<https://letters.example/unsubscribe/abc?s=x_y-z>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    date: new Date('2026-11-27T10:00:00Z'),
  });
  assert.ok(
    raw.every((b) => b < 0x80),
    '7-bit clean',
  );
  const text = raw.toString('latin1');
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  for (const line of head.split('\r\n')) assert.ok(line.length <= 998);
  for (const line of text.slice(head.length).split('\r\n')) assert.ok(line.length <= 76, `body line too long: ${line}`);
  assert.ok(body.length > 0);
  const msg = parseMessage(raw);
  assert.equal(msg.headers.get('subject'), 'Börsenbrief — März');
  assert.match(msg.headers.get('from') ?? '', /<news@letters\.example>$/);
  assert.equal(msg.headers.get('message-id'), '<p.m@vielfach>');
  assert.equal(msg.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const [plain, html] = msg.parts;
  assert.ok(plain && html);
  assert.match(plain.body, /Hallo Jürgen <J>,/);
  assert.ok(plain.body.includes(long), 'the Markdown source survives encoding unchanged');
  assert.ok(plain.body.includes('https://letters.example/unsubscribe/abc?s=x_y-z'));
  assert.match(html.body, /Hallo Jürgen &lt;J&gt;,/);
  assert.match(html.body, /<strong>Fett<\/strong>/);
  assert.match(html.body, /href="https:\/\/letters\.example\/unsubscribe\/abc\?s=x_y-z"/);
  assert.equal(envelopeAddress('Brief & Co Versand <news@letters.example>'), 'news@letters.example');
  assert.equal(envelopeAddress('news@letters.example'), 'news@letters.example');
});
