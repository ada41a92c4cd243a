import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToText, renderMarkdown, sanitizeRichHtml } from '../../web/markdown.js';

// Product descriptions are rendered by src/web/markdown.ts; the tests live with the catalogue that uses it.

test('markdown: formatting is kept, raw HTML is shown as text, never as tags', () => {
  const html = renderMarkdown(
    [
      '# Title',
      '**bold** and *italic*, `code`',
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[click](javascript:alert(1)) [ok](https://example.com) [mail](mailto:a@example.com)',
      '![pic](https://example.com/p.png)',
    ].join('\n\n'),
  );
  assert.match(html, /<h2>Title<\/h2>/);
  assert.match(html, /<strong>bold<\/strong> and <em>italic<\/em>, <code>code<\/code>/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /<a href="https:\/\/example\.com" rel="nofollow noopener">ok<\/a>/);
  assert.match(html, /<a href="mailto:a@example\.com" rel="nofollow noopener">mail<\/a>/);
  assert.match(html, /<a href="https:\/\/example\.com\/p\.png" rel="nofollow noopener">pic<\/a>/);
});

test('the allow-list pass strips scripts, handlers, styles and unsafe links from any HTML', () => {
  const html = sanitizeRichHtml(
    '<p onclick="x()" style="color:red">Hi<img src=x onerror=alert(1)><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">js</a><a href="//evil.example">rel</a><a href="data:text/html,x">data</a>' +
      '<a href="https://ok.example" target="_blank" rel="opener">ok</a><iframe src="https://x"></iframe></p>',
  );
  assert.doesNotMatch(html, /onclick|onerror|style=|<script|<img|<iframe|javascript:|evil|data:|target=/i);
  assert.match(html, /<a href="https:\/\/ok\.example" rel="nofollow noopener">ok<\/a>/);
});

test('plain text for meta descriptions', () => {
  assert.equal(markdownToText('## Hello\n\n**World** & <b>friends</b>'), 'Hello World & <b>friends</b>');
  assert.equal(markdownToText('x'.repeat(300), 20).length, 20);
});
