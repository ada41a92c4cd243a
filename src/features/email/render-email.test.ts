import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailHref, renderEmailHtml, renderEmailText } from './render-email.js';

test('only web and mail links become hrefs', () => {
  assert.equal(emailHref('https://shop.example/d/1'), 'https://shop.example/d/1');
  assert.equal(emailHref('mailto:help@shop.example'), 'mailto:help@shop.example');
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', '/relative', '']) {
    assert.equal(emailHref(bad), undefined, bad);
  }
});

test('a dangerous action URL is not linked, and data is escaped', () => {
  const html = renderEmailHtml(
    {
      subject: 'S <b>',
      heading: 'H "q"',
      paragraphs: ['<img src=x onerror=alert(1)>'],
      action: { label: 'Go', url: 'javascript:alert(1)' },
      links: [{ label: 'File', url: 'https://shop.example/f', note: '<i>1 MB</i>' }],
    },
    'Store & Co',
    'en',
  );
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.doesNotMatch(html, /<img|<b>|<i>/);
  assert.match(html, /href="https:\/\/shop\.example\/f"/);
  assert.match(html, /Store &amp; Co/);
  const text = renderEmailText({ subject: 'S', heading: 'H', paragraphs: ['P'] }, 'Store');
  assert.equal(text, 'Store\n\nH\n\nP\n');
});
