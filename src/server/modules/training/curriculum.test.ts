import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '../../../safety/index.js';
import { CurriculumError, defaultCurriculumDir, loadCurriculum, parseFrontMatter, type CurriculumModule } from './curriculum.js';

/** A module that passes every check; tests break one thing at a time. */
function goodQuiz(): { questions: Record<string, unknown>[] } {
  const mc = (n: number) => ({
    id: `q${n}`,
    kind: 'multiple_choice',
    prompt: `Question ${n}?`,
    options: [
      { id: 'a', text: 'Right' },
      { id: 'b', text: 'Wrong' },
    ],
    correct: ['a'],
    explanation: 'Because.',
  });
  const sc = (n: number) => ({ ...mc(n), kind: 'scenario', scenario: 'Someone writes that they feel alone.' });
  return { questions: [mc(1), mc(2), mc(3), sc(4), sc(5)] };
}
function goodPractice(): { scenarios: Record<string, unknown>[] } {
  return {
    scenarios: [
      { id: 'p1', title: 'Lonely evening', seekerPost: 'Nobody texted me back today.', aims: ['Name the feeling you hear'] },
      { id: 'p2', title: 'Exam stress', seekerPost: 'I cannot sleep before my exam.', aims: ['Ask what would help'] },
    ],
  };
}
const goodLesson = (order: number, extra = '') =>
  `---\ntitle: Listening\norder: ${order}\npassMark: 0.8\nvalidityMonths: 12\nrequiredFor: peer_supporter, facilitator\nsummary: How to listen: first, hear.\n${extra}---\n\n# Listening\n\nHear first.\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

interface ModuleFiles {
  lesson?: string;
  quiz?: unknown;
  practice?: unknown;
}
/** Writes a curriculum into a fresh temp dir: folder name -> files (defaults: good ones). */
function writeCurriculum(modules: Record<string, ModuleFiles>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-curriculum-'));
  dirs.push(root);
  for (const [folder, files] of Object.entries(modules)) {
    fs.mkdirSync(path.join(root, folder));
    const order = Number(folder.slice(0, 2));
    fs.writeFileSync(path.join(root, folder, 'lesson.md'), files.lesson ?? goodLesson(order));
    fs.writeFileSync(path.join(root, folder, 'quiz.json'), typeof files.quiz === 'string' ? files.quiz : JSON.stringify(files.quiz ?? goodQuiz()));
    fs.writeFileSync(path.join(root, folder, 'practice.json'), JSON.stringify(files.practice ?? goodPractice()));
  }
  return root;
}

function loadError(root: string): CurriculumError {
  try {
    loadCurriculum(root);
  } catch (err) {
    expect(err).toBeInstanceOf(CurriculumError);
    return err as CurriculumError;
  }
  throw new Error('expected the curriculum to be rejected');
}

describe('loadCurriculum on fixtures', () => {
  it('reads a good curriculum: modules in order, id from the folder, front matter typed', () => {
    const root = writeCurriculum({ '02-second': {}, '01-first-steps': { lesson: goodLesson(1).replace('peer_supporter, facilitator', 'facilitator') } });
    const c = loadCurriculum(root);
    expect(c.modules.map((m) => m.id)).toEqual(['first-steps', 'second']);
    expect(c.byId.get('second')?.order).toBe(2);
    const first = c.modules[0]!;
    expect(first).toMatchObject({ title: 'Listening', passMark: 0.8, validityMonths: 12, requiredFor: ['facilitator'], summary: 'How to listen: first, hear.' });
    expect(first.lessonMarkdown).toBe('# Listening\n\nHear first.\n');
    expect(first.quiz).toHaveLength(5);
    expect(first.practice.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(c.version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same version for the same files and a new one when any file changes', () => {
    const a = loadCurriculum(writeCurriculum({ '01-first': {} })).version;
    const b = loadCurriculum(writeCurriculum({ '01-first': {} })).version;
    const quiz = goodQuiz();
    quiz.questions[0]!.explanation = 'Because, kindly.';
    const c = loadCurriculum(writeCurriculum({ '01-first': { quiz } })).version;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('names the file and field for bad front matter', () => {
    const cases: [string, RegExp][] = [
      [goodLesson(1).replace('passMark: 0.8', 'passMark: 1.5'), /01-a\/lesson\.md \(passMark\): must be at most 1/],
      [goodLesson(1).replace('passMark: 0.8', 'passMark: 0'), /\(passMark\): must be more than 0/],
      [goodLesson(1).replace('validityMonths: 12', 'validityMonths: 0'), /\(validityMonths\): must be at least 1/],
      [goodLesson(1).replace('peer_supporter, facilitator', 'peer_supporter, mentor'), /\(requiredFor\[1\]\)/],
      [goodLesson(1).replace('title: Listening\n', ''), /\(title\)/],
      [goodLesson(1, 'colour: blue\n'), /lesson\.md.*colour/],
      [goodLesson(1).replace('order: 1', 'order: 3'), /\(order\): is 3 but the folder name says 1/],
      ['# No front matter\n', /01-a\/lesson\.md: must start with front matter/],
    ];
    for (const [lesson, message] of cases) {
      expect(loadError(writeCurriculum({ '01-a': { lesson } })).message).toMatch(message);
    }
  });

  it('names the file and field for a bad quiz', () => {
    const withQuestion = (i: number, change: Record<string, unknown>) => {
      const quiz = goodQuiz();
      quiz.questions[i] = { ...quiz.questions[i], ...change };
      return quiz;
    };
    const duplicate = goodQuiz();
    duplicate.questions[4]!.id = 'q1';
    const cases: [unknown, RegExp][] = [
      [withQuestion(2, { correct: ['z'] }), /01-a\/quiz\.json \(questions\[2\]\.correct\[0\]\): "z" names no option/],
      [withQuestion(0, { correct: [] }), /\(questions\[0\]\.correct\): needs at least one correct option/],
      [withQuestion(0, { correct: ['a', 'b'] }), /\(questions\[0\]\.correct\): at least one option must be wrong/],
      [duplicate, /\(questions\[4\]\.id\): question id "q1" is used twice/],
      [{ questions: goodQuiz().questions.slice(0, 4) }, /\(questions\): needs at least 5 questions \(has 4\)/],
      [withQuestion(3, { kind: 'multiple_choice', scenario: undefined }), /\(questions\): needs at least 2 questions of kind "scenario" \(has 1\)/],
      [withQuestion(3, { scenario: undefined }), /\(questions\[3\]\.scenario\): a scenario question needs/],
      [withQuestion(1, { explanation: '  ' }), /\(questions\[1\]\.explanation\): must not be empty/],
      [withQuestion(1, { kind: 'essay' }), /\(questions\[1\]\.kind\)/],
      ['{ "questions": [', /01-a\/quiz\.json: is not valid JSON/],
    ];
    for (const [quiz, message] of cases) {
      expect(loadError(writeCurriculum({ '01-a': { quiz } })).message).toMatch(message);
    }
  });

  it('names the file and field for bad practice scenarios', () => {
    const one = { scenarios: goodPractice().scenarios.slice(0, 1) };
    const noAims = goodPractice();
    noAims.scenarios[1]!.aims = [];
    expect(loadError(writeCurriculum({ '01-a': { practice: one } })).message).toMatch(/01-a\/practice\.json \(scenarios\): needs at least 2 practice scenarios/);
    expect(loadError(writeCurriculum({ '01-a': { practice: noAims } })).message).toMatch(/\(scenarios\[1\]\.aims\): needs at least one aim/);
  });

  it('rejects a missing file, a badly named folder, and duplicate module ids or orders', () => {
    const root = writeCurriculum({ '01-a': {} });
    fs.rmSync(path.join(root, '01-a', 'practice.json'));
    expect(loadError(root).message).toMatch(/01-a\/practice\.json: is missing/);
    expect(loadError(writeCurriculum({ 'listening': {} })).message).toMatch(/listening: a module folder must be named NN-slug/);
    const sameId = writeCurriculum({ '01-a': {}, '02-a': {} });
    expect(loadError(sameId).message).toMatch(/02-a: module id "a" is also used by 01-a/);
    const sameOrder = writeCurriculum({ '01-a': {}, '01-b': {} });
    expect(loadError(sameOrder).message).toMatch(/01-b\/lesson\.md \(order\): 1 is also used by 01-a/);
  });

  it('parses front matter values with colons and quotes, and refuses lines it cannot read', () => {
    const { fields, body } = parseFrontMatter('---\ntitle: "Risk: what to do"\nsummary: a: b\n---\nText', 'x.md');
    expect(fields).toEqual({ title: 'Risk: what to do', summary: 'a: b' });
    expect(body).toBe('Text\n');
    expect(() => parseFrontMatter('---\n- item\n---\n', 'x.md')).toThrow(/x\.md: front matter line 2 is not "key: value"/);
    expect(() => parseFrontMatter('---\ntitle: a\ntitle: b\n---\n', 'x.md')).toThrow(/x\.md \(title\): is given twice/);
    expect(() => parseFrontMatter('---\ntitle: a\n', 'x.md')).toThrow(/no closing "---"/);
  });
});

/** Every piece of text a trainee reads in a module. */
function textsOf(m: CurriculumModule): string[] {
  return [
    m.title,
    m.summary,
    m.lessonMarkdown,
    ...m.quiz.flatMap((q) => [q.prompt, q.scenario ?? '', q.explanation, ...q.options.map((o) => o.text)]),
    ...m.practice.flatMap((p) => [p.title, p.seekerPost, ...p.aims]),
  ];
}

const MODULE_IDS = [
  'what-peer-support-is',
  'active-listening',
  'sharing-your-story',
  'boundaries-and-self-care',
  'confidentiality',
  'risk-and-crisis',
  'recovery-language',
  'running-a-group',
];

describe('the real curriculum', () => {
  const curriculum = loadCurriculum();

  it('is found at the repository root and loads', () => {
    expect(defaultCurriculumDir()).toBe(path.resolve(import.meta.dirname, '../../../../curriculum'));
    expect(curriculum.version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has the modules issue 7 asks for, in order; only running a group is for facilitators alone', () => {
    expect(curriculum.modules.map((m) => m.id)).toEqual(MODULE_IDS);
    expect(curriculum.modules.map((m) => m.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const m of curriculum.modules) {
      expect(m.requiredFor, m.id).toEqual(m.id === 'running-a-group' ? ['facilitator'] : ['peer_supporter', 'facilitator']);
    }
  });

  it('gives every module a full lesson, a 6-10 question quiz with scenarios and a choose-all question, and practice posts with aims', () => {
    for (const m of curriculum.modules) {
      const words = m.lessonMarkdown.split(/\s+/).filter(Boolean).length;
      expect(words, `${m.id} lesson words`).toBeGreaterThanOrEqual(600);
      expect(words, `${m.id} lesson words`).toBeLessThanOrEqual(1300);
      expect(m.quiz.length, m.id).toBeGreaterThanOrEqual(6);
      expect(m.quiz.length, m.id).toBeLessThanOrEqual(10);
      expect(m.quiz.filter((q) => q.kind === 'scenario').length, m.id).toBeGreaterThanOrEqual(2);
      expect(m.quiz.some((q) => q.correct.length > 1), `${m.id} has a choose-all-that-apply question`).toBe(true);
      // A choose-all question says so, and only those do: the trainee must know how to answer.
      for (const q of m.quiz) {
        expect(/choose all that apply/i.test(q.prompt), `${m.id}/${q.id}`).toBe(q.correct.length > 1);
        // The web may shuffle options, so an explanation never points at one by its letter.
        expect(q.explanation, `${m.id}/${q.id}`).not.toMatch(/\([a-f]\)|\boption [a-f]\b/i);
      }
      expect(m.passMark, m.id).toBeGreaterThanOrEqual(0.75);
      expect(m.validityMonths, m.id).toBe(12);
      expect(m.practice.length, m.id).toBeGreaterThanOrEqual(2);
      expect(m.practice.length, m.id).toBeLessThanOrEqual(4);
      for (const p of m.practice) {
        expect(p.aims.length, `${m.id}/${p.id}`).toBeGreaterThanOrEqual(2);
        expect(p.aims.length, `${m.id}/${p.id}`).toBeLessThanOrEqual(4);
      }
    }
  });

  it('keeps its text clean: no raw HTML, no phone numbers, no links out', () => {
    for (const m of curriculum.modules) {
      for (const t of textsOf(m)) {
        // Markdown is rendered safely anyway; HTML in a lesson would be a mistake or a smuggled link.
        expect(t, m.id).not.toMatch(/<\/?[a-z!][^>]*>/i);
        // Crisis lines come from the deployment's own directory for the reader's region, never from here.
        expect(t, m.id).not.toMatch(/\+?\d[\d\s().-]{5,}\d/);
        expect(t, m.id).not.toMatch(/\b(?:911|999|112|988|000|111|116\s?123)\b/);
        expect(t, m.id).not.toMatch(/https?:\/\/|www\./i);
      }
    }
  });

  it('follows safe messaging: the safety screen finds no method detail in any of its text', () => {
    for (const m of curriculum.modules) {
      for (const t of textsOf(m)) expect(screen(t).methodDetail, `${m.id}: ${t.slice(0, 60)}`).toBe(false);
    }
  });
});
