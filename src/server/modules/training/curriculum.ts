/**
 * The peer supporter training curriculum: Markdown lessons, quizzes and practice posts that live in
 * the repository (`curriculum/NN-slug/`), read once at start and checked strictly, so that a typo in
 * a quiz fails loudly at boot (naming the file and the field) instead of grading a trainee wrongly.
 *
 * One folder per module, named `NN-slug` (NN = the module's order, slug = its id):
 * - `lesson.md`: front matter between `---` lines (`key: value`, one a line: title, order, passMark,
 *   validityMonths, requiredFor as a comma list, summary), then the lesson in Markdown.
 * - `quiz.json`: `{ "questions": [...] }` (see QuizQuestionSchema).
 * - `practice.json`: `{ "scenarios": [...] }` (see PracticeScenarioSchema).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export type CertificateKind = 'peer_supporter' | 'facilitator';
export const CERTIFICATE_KINDS = ['peer_supporter', 'facilitator'] as const satisfies readonly CertificateKind[];

export interface QuizOption {
  id: string;
  text: string;
}
export interface QuizQuestion {
  id: string;
  kind: 'multiple_choice' | 'scenario';
  prompt: string;
  /** The situation a scenario question describes (kind 'scenario' only). */
  scenario?: string;
  options: QuizOption[];
  /** Option ids; more than one = "choose all that apply" (all of them and nothing else). */
  correct: string[];
  explanation: string;
}
export interface PracticeScenario {
  id: string;
  title: string;
  seekerPost: string;
  aims: string[];
}
export interface CurriculumModule {
  /** The slug, e.g. 'active-listening'. */
  id: string;
  title: string;
  order: number;
  summary: string;
  /** Fraction (0, 1] of questions answered right to pass. */
  passMark: number;
  validityMonths: number;
  requiredFor: CertificateKind[];
  lessonMarkdown: string;
  quiz: QuizQuestion[];
  practice: PracticeScenario[];
}
export interface Curriculum {
  modules: CurriculumModule[];
  byId: ReadonlyMap<string, CurriculumModule>;
  /** sha256 (hex) of every file the curriculum was read from: a certificate records which text it was earned on. */
  version: string;
}

/** Below these a quiz tests too little to certify anyone; a module needs practice to go with the reading. */
export const MIN_QUESTIONS = 5;
export const MIN_SCENARIO_QUESTIONS = 2;
export const MIN_PRACTICE_SCENARIOS = 2;

const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(ID, 'must be lower-case letters, digits, - or _ (e.g. "q1", "listen-first")');

const FrontMatterSchema = z.strictObject({
  title: text,
  order: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1)),
  passMark: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number such as 0.8')
    .transform(Number)
    .pipe(z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1 (a fraction of questions)')),
  validityMonths: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1, 'must be at least 1')),
  requiredFor: z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k !== ''))
    .pipe(z.array(z.enum(CERTIFICATE_KINDS)).min(1, 'must name at least one of peer_supporter, facilitator')),
  summary: text,
});

const QuizOptionSchema = z.strictObject({ id, text });

const QuizQuestionSchema = z
  .strictObject({
    id,
    kind: z.enum(['multiple_choice', 'scenario']),
    prompt: text,
    scenario: text.optional(),
    options: z.array(QuizOptionSchema).min(2, 'needs at least 2 options'),
    correct: z.array(id).min(1, 'needs at least one correct option'),
    explanation: text,
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'scenario' && q.scenario === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scenario'], message: 'a scenario question needs its situation in "scenario"' });
    }
    if (q.kind === 'multiple_choice' && q.scenario !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['scenario'], message: 'only a question of kind "scenario" has a scenario' });
    }
    const optionIds = q.options.map((o) => o.id);
    optionIds.forEach((o, i) => {
      if (optionIds.indexOf(o) !== i) ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: `option id "${o}" is used twice` });
    });
    q.correct.forEach((c, i) => {
      if (!optionIds.includes(c)) ctx.addIssue({ code: 'custom', path: ['correct', i], message: `"${c}" names no option of this question` });
      else if (q.correct.indexOf(c) !== i) ctx.addIssue({ code: 'custom', path: ['correct', i], message: `"${c}" is listed twice` });
    });
    if (q.correct.length >= q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'at least one option must be wrong' });
    }
  });

const QuizFileSchema = z.strictObject({ questions: z.array(QuizQuestionSchema) }).superRefine((quiz, ctx) => {
  const ids = quiz.questions.map((q) => q.id);
  ids.forEach((q, i) => {
    if (ids.indexOf(q) !== i) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `question id "${q}" is used twice` });
  });
  if (quiz.questions.length < MIN_QUESTIONS) {
    ctx.addIssue({ code: 'custom', path: ['questions'], message: `needs at least ${MIN_QUESTIONS} questions (has ${quiz.questions.length})` });
  }
  const scenarios = quiz.questions.filter((q) => q.kind === 'scenario').length;
  if (scenarios < MIN_SCENARIO_QUESTIONS) {
    ctx.addIssue({ code: 'custom', path: ['questions'], message: `needs at least ${MIN_SCENARIO_QUESTIONS} questions of kind "scenario" (has ${scenarios})` });
  }
});

const PracticeScenarioSchema = z.strictObject({
  id,
  title: text,
  seekerPost: text,
  aims: z.array(text).min(1, 'needs at least one aim'),
});

const PracticeFileSchema = z.strictObject({ scenarios: z.array(PracticeScenarioSchema) }).superRefine((p, ctx) => {
  const ids = p.scenarios.map((s) => s.id);
  ids.forEach((s, i) => {
    if (ids.indexOf(s) !== i) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'id'], message: `scenario id "${s}" is used twice` });
  });
  if (p.scenarios.length < MIN_PRACTICE_SCENARIOS) {
    ctx.addIssue({ code: 'custom', path: ['scenarios'], message: `needs at least ${MIN_PRACTICE_SCENARIOS} practice scenarios (has ${p.scenarios.length})` });
  }
});

/** A curriculum file that is missing or wrong; the message names the file and the field. */
export class CurriculumError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    detail: string,
  ) {
    super(`Curriculum ${file}${field ? ` (${field})` : ''}: ${detail}`);
    this.name = 'CurriculumError';
  }
}

/** `questions[2].correct[0]` from a zod path. */
function fieldName(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new CurriculumError(file, fieldName(issue.path) || null, issue.message);
}

/**
 * Splits `---\nkey: value\n---\nbody`. Only flat `key: value` lines (the value may contain colons and
 * may be wrapped in double quotes); anything else is an error rather than a guess.
 */
export function parseFrontMatter(source: string, file: string): { fields: Record<string, string>; body: string } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw new CurriculumError(file, null, 'must start with front matter between two "---" lines');
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new CurriculumError(file, null, 'front matter has no closing "---" line');
  const fields: Record<string, string> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new CurriculumError(file, null, `front matter line ${i + 1} is not "key: value": ${JSON.stringify(line)}`);
    const key = m[1]!;
    let value = m[2]!.trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (key in fields) throw new CurriculumError(file, key, 'is given twice');
    fields[key] = value;
  }
  return { fields, body: lines.slice(end + 1).join('\n').trim() + '\n' };
}

function readText(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CurriculumError(shown, null, 'is missing or cannot be read');
  }
}

function readJson(source: string, shown: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    throw new CurriculumError(shown, null, `is not valid JSON (${(err as Error).message})`);
  }
}

/**
 * `<repo>/curriculum`, found by walking up from this file to the directory holding package.json and
 * curriculum/: the same answer from src/ under tsx or vitest and from a bundle written elsewhere
 * (test/server-process.ts bundles the server into node_modules/.cache/kindred-test/).
 */
export function defaultCurriculumDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'curriculum');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new CurriculumError('curriculum/', null, `no curriculum directory found above ${path.dirname(fileURLToPath(import.meta.url))}`);
    dir = parent;
  }
}

/** Reads and checks the whole curriculum; throws CurriculumError naming the file and field on bad content. */
export function loadCurriculum(dir: string = defaultCurriculumDir()): Curriculum {
  const root = path.resolve(dir);
  const shown = (...parts: string[]) => path.join(path.basename(root), ...parts);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    throw new CurriculumError(shown(), null, 'is missing or cannot be read');
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (folders.length === 0) throw new CurriculumError(shown(), null, 'has no module folders (NN-slug)');

  const hashed: { name: string; content: string }[] = [];
  const modules: CurriculumModule[] = [];
  for (const folder of folders) {
    const m = FOLDER.exec(folder);
    if (!m) throw new CurriculumError(shown(folder), null, 'a module folder must be named NN-slug, e.g. "02-active-listening"');
    const read = (name: string) => {
      const content = readText(path.join(root, folder, name), shown(folder, name));
      hashed.push({ name: `${folder}/${name}`, content });
      return content;
    };

    const lessonFile = shown(folder, 'lesson.md');
    const { fields, body } = parseFrontMatter(read('lesson.md'), lessonFile);
    const front = parseWith(FrontMatterSchema, fields, lessonFile);
    if (front.order !== Number(m[1])) {
      throw new CurriculumError(lessonFile, 'order', `is ${front.order} but the folder name says ${Number(m[1])}`);
    }
    if (body.trim() === '') throw new CurriculumError(lessonFile, null, 'has no lesson text after the front matter');

    const quizFile = shown(folder, 'quiz.json');
    const quiz = parseWith(QuizFileSchema, readJson(read('quiz.json'), quizFile), quizFile).questions;
    const practiceFile = shown(folder, 'practice.json');
    const practice = parseWith(PracticeFileSchema, readJson(read('practice.json'), practiceFile), practiceFile).scenarios;

    modules.push({
      id: m[2]!,
      title: front.title,
      order: front.order,
      summary: front.summary,
      passMark: front.passMark,
      validityMonths: front.validityMonths,
      requiredFor: [...new Set(front.requiredFor)],
      lessonMarkdown: body,
      quiz,
      practice,
    });
  }

  const seenIds = new Map<string, string>();
  const seenOrders = new Map<number, string>();
  for (const [i, mod] of modules.entries()) {
    const folder = folders[i]!;
    const other = seenIds.get(mod.id) ?? seenOrders.get(mod.order);
    if (seenIds.has(mod.id)) throw new CurriculumError(shown(folder), null, `module id "${mod.id}" is also used by ${other}`);
    if (seenOrders.has(mod.order)) throw new CurriculumError(shown(folder, 'lesson.md'), 'order', `${mod.order} is also used by ${other}`);
    seenIds.set(mod.id, folder);
    seenOrders.set(mod.order, folder);
  }
  modules.sort((a, b) => a.order - b.order);

  const hash = createHash('sha256');
  for (const f of hashed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    // Name and length first, so that moving text between files changes the version too.
    hash.update(`${f.name}\0${Buffer.byteLength(f.content)}\0`).update(f.content);
  }
  return { modules, byId: new Map(modules.map((mod) => [mod.id, mod])), version: hash.digest('hex') };
}
