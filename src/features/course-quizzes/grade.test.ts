import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attemptsLeft, type GradedQuestion, gradeQuiz } from './grade.js';

const single: GradedQuestion = {
  id: 'q1',
  kind: 'single',
  options: [
    { id: 'a', correct: false },
    { id: 'b', correct: true },
    { id: 'c', correct: false },
  ],
};
const multiple: GradedQuestion = {
  id: 'q2',
  kind: 'multiple',
  options: [
    { id: 'd', correct: true },
    { id: 'e', correct: false },
    { id: 'f', correct: true },
  ],
};
const third: GradedQuestion = {
  id: 'q3',
  kind: 'single',
  options: [
    { id: 'g', correct: true },
    { id: 'h', correct: false },
  ],
};

describe('gradeQuiz', () => {
  test('single choice: right only with the one right option', () => {
    assert.equal(gradeQuiz([single], { q1: ['b'] }, 100).passed, true);
    assert.equal(gradeQuiz([single], { q1: ['a'] }, 100).passed, false);
    assert.equal(gradeQuiz([single], { q1: ['a', 'b'] }, 100).passed, false, 'two ticks on a single choice');
    assert.equal(gradeQuiz([single], {}, 100).passed, false, 'unanswered');
  });

  test('multiple choice: all right options and no wrong one', () => {
    assert.equal(gradeQuiz([multiple], { q2: ['d', 'f'] }, 100).results[0]?.correct, true);
    assert.equal(gradeQuiz([multiple], { q2: ['f', 'd'] }, 100).results[0]?.correct, true, 'order does not matter');
    assert.equal(gradeQuiz([multiple], { q2: ['d'] }, 100).results[0]?.correct, false, 'one right missing');
    assert.equal(gradeQuiz([multiple], { q2: ['d', 'e', 'f'] }, 100).results[0]?.correct, false, 'a wrong one');
    assert.equal(gradeQuiz([multiple], { q2: [] }, 100).results[0]?.correct, false);
  });

  test('ids of other questions and repeats are ignored, and not kept', () => {
    const g = gradeQuiz([single, multiple], { q1: ['b', 'd', 'zzz'], q2: ['d', 'd', 'f', 'b'] }, 50);
    assert.deepEqual(
      g.results.map((r) => r.correct),
      [true, true],
    );
    assert.deepEqual(g.answers, { q1: ['b'], q2: ['d', 'f'] });
  });

  test('score rounds down; the pass mark compares whole numbers', () => {
    const twoOfThree = { q1: ['b'], q2: ['d', 'f'], q3: ['h'] };
    const g = gradeQuiz([single, multiple, third], twoOfThree, 66);
    assert.equal(g.correctCount, 2);
    assert.equal(g.questionCount, 3);
    assert.equal(g.scorePercent, 66);
    assert.equal(g.passed, true);
    assert.equal(gradeQuiz([single, multiple, third], twoOfThree, 67).passed, false, '66.67 % < 67 %');
    assert.equal(gradeQuiz([single, multiple, third], {}, 1).scorePercent, 0);
  });

  test('a question without a right option is never right; an empty quiz never passes', () => {
    const broken: GradedQuestion = { id: 'x', kind: 'multiple', options: [{ id: 'o', correct: false }] };
    assert.equal(gradeQuiz([broken], { x: [] }, 1).passed, false);
    assert.equal(gradeQuiz([], {}, 1).passed, false);
  });
});

describe('attemptsLeft', () => {
  test('limited and unlimited', () => {
    assert.equal(attemptsLeft(3, 1), 2);
    assert.equal(attemptsLeft(3, 5), 0);
    assert.equal(attemptsLeft(null, 9), null);
  });
});
