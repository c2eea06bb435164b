import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/errors.js';
import { gradeQuiz } from './grading.js';

const q = (id: string, correct: string[], options = ['a', 'b', 'c']) => ({
  id,
  kind: 'multiple_choice' as const,
  prompt: `${id}?`,
  options: options.map((o) => ({ id: o, text: o })),
  correct,
  explanation: `why ${id}`,
});
const quiz = { passMark: 0.8, quiz: [q('q1', ['a']), q('q2', ['b']), q('q3', ['a', 'c']), q('q4', ['c']), q('q5', ['a'])] };
const right = { q1: ['a'], q2: ['b'], q3: ['c', 'a'], q4: ['c'], q5: ['a'] };

function refusal(answers: Record<string, string[]>): HttpError {
  try {
    gradeQuiz(quiz, answers);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    return err as HttpError;
  }
  throw new Error('expected a 400');
}

describe('gradeQuiz', () => {
  it('scores every question; all-that-apply needs exactly the right set (any order, duplicates ignored)', () => {
    expect(gradeQuiz(quiz, right)).toMatchObject({ score: 5, outOf: 5, passed: true });
    expect(gradeQuiz(quiz, { ...right, q3: ['a', 'a', 'c'] }).score).toBe(5);
    expect(gradeQuiz(quiz, { ...right, q3: ['a'] }).results[2]).toMatchObject({ right: false, chosen: ['a'], correct: ['a', 'c'], explanation: 'why q3' });
    expect(gradeQuiz(quiz, { ...right, q3: ['a', 'b', 'c'] }).results[2]!.right).toBe(false);
  });

  it('passes at the pass mark exactly (4 of 5 at 0.8), not below', () => {
    expect(gradeQuiz(quiz, { ...right, q1: ['b'] })).toMatchObject({ score: 4, passed: true });
    expect(gradeQuiz(quiz, { ...right, q1: ['b'], q2: ['a'] })).toMatchObject({ score: 3, passed: false });
    expect(gradeQuiz({ ...quiz, passMark: 0.6 }, { ...right, q1: ['b'], q2: ['a'] }).passed).toBe(true);
  });

  it('refuses incomplete or foreign answers with a 400 naming the question', () => {
    const { q4: _q4, ...missing } = right;
    expect(refusal(missing)).toMatchObject({ statusCode: 400, details: { fields: [{ path: 'answers.q4' }] } });
    expect(refusal({ ...right, q9: ['a'] }).details).toMatchObject({ fields: [{ path: 'answers.q9' }] });
    expect(refusal({ ...right, q2: ['x'] }).message).toBe('Question 2: "x" is not one of its answers.');
    expect(refusal({ ...right, q2: ['a', 'b'] }).message).toBe('Question 2 takes one answer.');
    expect(refusal({ ...right, q2: [] }).message).toMatch(/Question 2 has no answer/);
  });
});
