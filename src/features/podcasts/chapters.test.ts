import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chaptersAsText, parseChapters } from './chapters.js';

describe('chapters typed as lines', () => {
  test('MM:SS and HH:MM:SS lines become seconds and titles; blank lines are skipped', () => {
    const r = parseChapters('00:00 Welcome\n\n  04:30   The tools \r\n1:02:03 Questions & answers\n');
    assert.deepEqual(r, {
      ok: true,
      chapters: [
        { start: 0, title: 'Welcome' },
        { start: 270, title: 'The tools' },
        { start: 3723, title: 'Questions & answers' },
      ],
    });
  });

  test('an empty text is no chapters', () => {
    assert.deepEqual(parseChapters(' \n'), { ok: true, chapters: [] });
  });

  test('the first chapter must start at 0:00', () => {
    assert.deepEqual(parseChapters('\n00:05 Late start'), { ok: false, error: { line: 2, problem: 'first-not-zero' } });
  });

  test('times must rise; the error names the line', () => {
    assert.deepEqual(parseChapters('00:00 A\n05:00 B\n04:59 C'), {
      ok: false,
      error: { line: 3, problem: 'not-ascending' },
    });
    assert.deepEqual(parseChapters('00:00 A\n00:00 B'), { ok: false, error: { line: 2, problem: 'not-ascending' } });
  });

  test('lines without a time, with a bad time or without a title are refused by number', () => {
    assert.equal(parseChapters('00:00 A\nIntro').ok, false);
    assert.deepEqual(parseChapters('00:00 A\n00:61 B'), { ok: false, error: { line: 2, problem: 'format' } });
    assert.deepEqual(parseChapters('00:00'), { ok: false, error: { line: 1, problem: 'format' } });
    assert.deepEqual(parseChapters('0:00:00 A\n1:75:00 B'), { ok: false, error: { line: 2, problem: 'format' } });
  });

  test('stored chapters read back as the lines that made them', () => {
    const text = '00:00 Welcome\n04:30 The tools\n1:02:03 Questions';
    const r = parseChapters(text);
    assert.ok(r.ok);
    assert.equal(chaptersAsText(JSON.stringify(r.chapters)), text);
    assert.equal(chaptersAsText('not json'), '');
  });
});
