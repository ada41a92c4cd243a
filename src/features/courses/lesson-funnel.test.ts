import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonFunnel } from './lesson-funnel.js';

test('the funnel counts started, completed and where each student stopped', () => {
  const lessons = [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
    { id: 'c', title: 'C' },
  ];
  const s = (started: string[], completed: string[]) => ({ started: new Set(started), completed: new Set(completed) });
  const rows = lessonFunnel(lessons, [
    s([], []), // enrolled, never opened a lesson: stopped before A
    s(['a'], ['a']), // stopped at B
    s(['a', 'b'], ['a']), // opened B, did not finish it
    s(['a', 'b', 'c'], ['a', 'b', 'c']), // finished
    s(['c'], ['c']), // skipped ahead (lessons open out of order): counts where the first gap is
  ]);
  assert.deepEqual(
    rows.map((r) => [r.id, r.started, r.completed, r.stoppedHere]),
    [
      ['a', 3, 3, 2],
      ['b', 2, 1, 2],
      ['c', 2, 2, 0],
    ],
  );
});
