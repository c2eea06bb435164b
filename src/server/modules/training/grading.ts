import { badRequest } from '../../platform/errors.js';
import type { CurriculumModule } from './curriculum.js';

export interface QuestionResult {
  questionId: string;
  chosen: string[];
  right: boolean;
  correct: string[];
  explanation: string;
}

export interface Graded {
  results: QuestionResult[];
  score: number;
  outOf: number;
  passed: boolean;
}

/**
 * Grades one quiz attempt. Every question must be answered, with options of that question only,
 * and exactly one option for a single-answer question (a 400 naming the question otherwise). A
 * "choose all that apply" question is right only with all its right options and no other.
 * Passing: at least `passMark` of the questions right.
 */
export function gradeQuiz(module: Pick<CurriculumModule, 'quiz' | 'passMark'>, answers: Record<string, string[]>): Graded {
  const known = new Set(module.quiz.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) throw badRequest(`answers.${id}: there is no such question in this quiz.`, { fields: [{ path: `answers.${id}`, message: 'is not a question of this quiz' }] });
  }
  const results = module.quiz.map((q, i): QuestionResult => {
    const chosen = answers[q.id];
    const path = `answers.${q.id}`;
    if (!chosen || chosen.length === 0) throw badRequest(`Question ${i + 1} has no answer yet. Choose an answer for every question.`, { fields: [{ path, message: 'needs an answer' }] });
    const options = new Set(q.options.map((o) => o.id));
    const unique = [...new Set(chosen)];
    const unknown = unique.find((c) => !options.has(c));
    if (unknown !== undefined) throw badRequest(`Question ${i + 1}: "${unknown}" is not one of its answers.`, { fields: [{ path, message: 'names an option the question does not have' }] });
    if (q.correct.length === 1 && unique.length > 1) throw badRequest(`Question ${i + 1} takes one answer.`, { fields: [{ path, message: 'takes exactly one answer' }] });
    const right = unique.length === q.correct.length && q.correct.every((c) => unique.includes(c));
    return { questionId: q.id, chosen: unique, right, correct: [...q.correct], explanation: q.explanation };
  });
  const score = results.filter((r) => r.right).length;
  const outOf = results.length;
  // A small tolerance: 0.8 × 5 is 4.000000000000001 in floating point.
  return { results, score, outOf, passed: score >= module.passMark * outOf - 1e-9 };
}
