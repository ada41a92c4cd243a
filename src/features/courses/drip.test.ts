import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CourseLesson, CourseModule } from '../../db/schema.js';
import { curriculumFor } from './curriculum.js';
import { addLocalDays, type DripStudent, isOpen, laterOf, opensFor, type UnlockRule } from './drip.js';

const BERLIN = 'Europe/Berlin';
const student = (over: Partial<DripStudent> = {}): DripStudent => ({
  enrolledAt: '2026-03-27T09:00:00.000Z', // 10:00 in Berlin (CET)
  firstAccessAt: null,
  cohortStartsAt: null,
  unlockAll: false,
  shiftDays: 0,
  completedLessonIds: new Set(),
  ...over,
});
const rule = (over: Partial<UnlockRule>): UnlockRule => ({
  kind: 'immediate',
  days: null,
  at: null,
  afterLessonId: null,
  ...over,
});

describe('drip across the daylight-saving changes of Europe/Berlin', () => {
  test('days after enrolment keep the store-clock time over the spring change (a 23-hour day)', () => {
    // Enrolled Friday 10:00 CET; two days later is Sunday 29 March, 10:00 CEST = 08:00 UTC.
    assert.equal(addLocalDays('2026-03-27T09:00:00.000Z', 2, BERLIN), '2026-03-29T08:00:00.000Z');
    assert.deepEqual(opensFor(rule({ kind: 'after_days', days: 2 }), student(), BERLIN), {
      at: '2026-03-29T08:00:00.000Z',
    });
  });

  test('and over the autumn change (a 25-hour day)', () => {
    // 24 October 10:00 CEST (08:00 UTC) + 1 day = 25 October 10:00 CET (09:00 UTC).
    assert.equal(addLocalDays('2026-10-24T08:00:00.000Z', 1, BERLIN), '2026-10-25T09:00:00.000Z');
  });

  test('an enrolment in the skipped hour lands after the gap, never in it or a day off', () => {
    // 2026-03-29 01:30 UTC is 03:30 CEST; a day later is 30 March 03:30 CEST = 01:30 UTC.
    assert.equal(addLocalDays('2026-03-29T01:30:00.000Z', 1, BERLIN), '2026-03-30T01:30:00.000Z');
  });

  test('the lesson opens at that instant, not a minute before', () => {
    const opening = opensFor(rule({ kind: 'after_days', days: 2 }), student(), BERLIN);
    assert.equal(isOpen(opening, new Date('2026-03-29T07:59:59.000Z')), false);
    assert.equal(isOpen(opening, new Date('2026-03-29T08:00:00.000Z')), true);
  });
});

describe('drip rules', () => {
  test('after first access waits for the first opening', () => {
    assert.equal(opensFor(rule({ kind: 'after_first_access', days: 3 }), student(), BERLIN), 'waiting');
    const s = student({ firstAccessAt: '2026-05-01T07:00:00.000Z' });
    assert.deepEqual(opensFor(rule({ kind: 'after_first_access', days: 3 }), s, BERLIN), {
      at: '2026-05-04T07:00:00.000Z',
    });
  });

  test('a cohort counts from its start instead of the enrolment', () => {
    const s = student({ cohortStartsAt: '2026-06-01T08:00:00.000Z' });
    assert.deepEqual(opensFor(rule({ kind: 'after_days', days: 7 }), s, BERLIN), { at: '2026-06-08T08:00:00.000Z' });
  });

  test('a fixed date ignores the shift; the shift moves the others; unlock all opens everything', () => {
    const at = rule({ kind: 'at', at: '2026-12-24T17:00:00.000Z' });
    assert.deepEqual(opensFor(at, student({ shiftDays: -5 }), BERLIN), { at: '2026-12-24T17:00:00.000Z' });
    assert.deepEqual(opensFor(rule({ kind: 'after_days', days: 2 }), student({ shiftDays: -2 }), BERLIN), {
      at: '2026-03-27T09:00:00.000Z',
    });
    assert.equal(
      opensFor(rule({ kind: 'after_lesson', afterLessonId: 'x' }), student({ unlockAll: true }), BERLIN),
      'open',
    );
  });

  test('after a lesson opens once that lesson is complete', () => {
    const r = rule({ kind: 'after_lesson', afterLessonId: 'l1' });
    assert.equal(opensFor(r, student(), BERLIN), 'waiting');
    assert.equal(opensFor(r, student({ completedLessonIds: new Set(['l1']) }), BERLIN), 'open');
  });

  test('a lesson opens at the later of its module and itself', () => {
    assert.deepEqual(laterOf({ at: '2026-01-02T00:00:00.000Z' }, { at: '2026-01-01T00:00:00.000Z' }), {
      at: '2026-01-02T00:00:00.000Z',
    });
    assert.equal(laterOf('open', 'waiting'), 'waiting');
    assert.deepEqual(laterOf('open', { at: '2026-01-01T00:00:00.000Z' }), { at: '2026-01-01T00:00:00.000Z' });
  });
});

describe('curriculum', () => {
  const base = { unlock_kind: 'immediate' as const, unlock_days: null, unlock_at: null, unlock_after_lesson_id: null };
  const mod = (id: string, position: number): CourseModule => ({
    ...base,
    id,
    product_id: 'c',
    title: id,
    position,
    created_at: '',
  });
  const lesson = (id: string, moduleId: string, position: number, over: Partial<CourseLesson> = {}): CourseLesson => ({
    ...base,
    id,
    product_id: 'c',
    module_id: moduleId,
    slug: id,
    title: id,
    body_md: '',
    free_preview: 0,
    status: 'published',
    position,
    video_id: null,
    completion: 'view',
    gates_next_module: 0,
    created_at: '',
    updated_at: '',
    ...over,
  });

  test('orders modules and lessons, leaves drafts out, and a required quiz holds the next modules', () => {
    const modules = [mod('m2', 1), mod('m1', 0), mod('m3', 2)];
    const lessons = [
      lesson('b', 'm1', 1, { completion: 'quiz', gates_next_module: 1 }),
      lesson('a', 'm1', 0),
      lesson('draft', 'm1', 2, { status: 'draft' }),
      lesson('c', 'm2', 0),
      lesson('d', 'm3', 0),
    ];
    const before = curriculumFor(modules, lessons, student(), BERLIN);
    assert.deepEqual(
      before.map((m) => [m.module.id, m.lessons.map((l) => l.lesson.id), m.opening]),
      [
        ['m1', ['a', 'b'], 'open'],
        ['m2', ['c'], 'waiting'],
        ['m3', ['d'], 'waiting'],
      ],
    );
    const passed = curriculumFor(modules, lessons, student({ completedLessonIds: new Set(['b']) }), BERLIN);
    assert.deepEqual(
      passed.map((m) => m.opening),
      ['open', 'open', 'open'],
    );
    assert.equal(passed[0]?.lessons[1]?.completed, true);
  });
});
