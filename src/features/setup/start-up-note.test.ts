import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { type StartUpNote, startUpBlock, startUpMessage } from './start-up-note.js';

const base = {
  url: 'http://127.0.0.1:3000',
  database: 'sqlite:data/vielfach.db',
  email: 'outbox',
  adminUrl: 'http://127.0.0.1:3000/admin',
};
const demo: StartUpNote = {
  ...base,
  next: { kind: 'demo', login: 'admin@demo.vielfach.test', password: 's3cret-Pass' },
};
const setup: StartUpNote = { ...base, next: { kind: 'setup', setupUrl: 'http://127.0.0.1:3000/setup?code=abc123' } };

describe('what the start command says', () => {
  test('a terminal gets a framed block with the login or the set-up link, every row as wide as the frame', () => {
    for (const [note, expected] of [
      [demo, ['Demo store ready', 'http://127.0.0.1:3000/admin', 'admin@demo.vielfach.test', 's3cret-Pass']],
      [setup, ['First start', 'http://127.0.0.1:3000/setup?code=abc123']],
    ] as const) {
      const lines = stripVTControlCharacters(startUpBlock(note)).split('\n').filter(Boolean);
      const text = lines.join('\n');
      for (const e of expected) assert.ok(text.includes(e), `${e} in\n${text}`);
      assert.match(lines[0] ?? '', /^ {2}┌─+┐$/);
      assert.match(lines.at(-1) ?? '', /^ {2}└─+┘$/);
      assert.equal(new Set(lines.map((l) => l.length)).size, 1, text);
    }
  });

  test('a log collector gets one sentence with the same facts', () => {
    assert.match(
      startUpMessage(demo),
      /Demo store ready\. Admin: \S+\/admin {2}login: admin@demo\.vielfach\.test {2}password: s3cret-Pass/,
    );
    assert.match(
      startUpMessage(setup),
      /First start: set up your store at http:\/\/127\.0\.0\.1:3000\/setup\?code=abc123$/,
    );
    assert.match(startUpMessage({ ...base, next: { kind: 'admin' } }), /Admin: http:\/\/127\.0\.0\.1:3000\/admin$/);
  });
});
