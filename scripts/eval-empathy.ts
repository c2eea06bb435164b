/**
 * Scores the empathy feedback rater (src/safety/empathy.ts) on EPITOME's Reddit portion
 * (../shared/data/epitome_reddit_empathy/train.jsonl, or under $KINDRED_DATA_DIR).
 *
 *   npm run eval:empathy                  # per fold, dev overall, validation, and speed
 *   npm run eval:empathy -- --summary     # only the dev-overall and validation tables
 *   npm run eval:empathy -- --json        # also the figures as JSON on the last line
 *   npm run eval:empathy -- --dev         # dev folds only (what to run while changing the rules)
 *   npm run eval:empathy -- --errors er 20  # up to 20 disagreements on one dimension (er|ip|ex), DEV folds only
 *   npm run eval:empathy -- --check-rules # every match of every rule, in every post and reply, holds one of the rule's literals;
 *                                         every text the crisis screen finds a method in passes the method gate
 *
 * Folds: every seeker thread goes to one of five folds by FNV-1a of `epitome:<thread>` (replies to
 * one post stay together). Folds 0–3 are "dev": the rules were written while studying their
 * disagreements. Fold 4 is the untouched validation fold: never printed, never studied; its figure
 * is the honest one. The rater is hand-written (nothing is trained on this data: its licence is
 * unclear, see src/safety/README.md), so "dev" is where the rules were tuned, not a training set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EMPATHY_METHOD_GATE, EMPATHY_RULES, rateEmpathy, type EmpathyLevel } from '../src/safety/empathy.js';
import { screen } from '../src/safety/screen.js';
import { dataDir, fnv1a, readJsonl } from './data.js';

const SET = 'epitome_reddit_empathy';
const FOLDS = 5;
const VALIDATION_FOLD = 4;
const DIMS = ['er', 'ip', 'ex'] as const;
type Dim = (typeof DIMS)[number];
const DIM_NAMES: Record<Dim, string> = { er: 'emotional reactions', ip: 'interpretations', ex: 'explorations' };
/** Sharma et al., EMNLP 2020, Table 3 (Reddit, RoBERTa-based bi-encoder): macro-F1 per mechanism. */
const PUBLISHED_MACRO_F1: Record<Dim, number> = { er: 0.74, ip: 0.63, ex: 0.73 };

interface Row {
  id: string;
  thread: string;
  fold: number;
  seeker: string;
  response: string;
  gold: Record<Dim, EmpathyLevel>;
  pred: Record<Dim, EmpathyLevel>;
}

interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  f1: [number, number, number];
}

const level = (v: unknown): EmpathyLevel => {
  const n = Number(v);
  return n === 1 || n === 2 ? n : 0;
};

/** Accuracy and macro-F1 over the three classes (a class neither present nor predicted scores 0, as scikit-learn does). */
function score(rows: readonly Row[], dim: Dim): Scores {
  const cm = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const r of rows) cm[r.gold[dim]]![r.pred[dim]]!++;
  const f1 = [0, 1, 2].map((c) => {
    const tp = cm[c]![c]!;
    const predicted = cm[0]![c]! + cm[1]![c]! + cm[2]![c]!;
    const actual = cm[c]![0]! + cm[c]![1]! + cm[c]![2]!;
    return tp === 0 ? 0 : (2 * tp) / (predicted + actual);
  }) as [number, number, number];
  const correct = cm[0]![0]! + cm[1]![1]! + cm[2]![2]!;
  return { n: rows.length, accuracy: rows.length ? correct / rows.length : 0, macroF1: (f1[0] + f1[1] + f1[2]) / 3, f1 };
}

const f3 = (x: number) => x.toFixed(3);

function table(title: string, groups: [string, Row[]][]): Record<string, Record<Dim, Scores>> {
  const out: Record<string, Record<Dim, Scores>> = {};
  console.log(`\n${title}`);
  const head = ['rows', ...DIMS.flatMap((d) => [`${d} acc`, `${d} F1`])];
  const lines: string[][] = [];
  for (const [name, rows] of groups) {
    const s = { er: score(rows, 'er'), ip: score(rows, 'ip'), ex: score(rows, 'ex') };
    out[name] = s;
    lines.push([name, String(rows.length), ...DIMS.flatMap((d) => [f3(s[d].accuracy), f3(s[d].macroF1)])]);
  }
  lines.push(['RoBERTa (published)', '', ...DIMS.flatMap((d) => ['', f3(PUBLISHED_MACRO_F1[d])])]);
  const widths = ['', ...head].map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(fmt(['', ...head]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  return out;
}

/** Microseconds per reply: best of a few passes over every row (wall clock and CPU time). */
function speed(rows: readonly Row[]): { wallUs: number; cpuUs: number; meanChars: number } {
  let wall = Infinity;
  let cpu = Infinity;
  let sink = 0;
  for (let pass = 0; pass < 5; pass++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const r of rows) sink += rateEmpathy(r.seeker, r.response).notes.length;
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    wall = Math.min(wall, ((t1 - t0) * 1000) / rows.length);
    cpu = Math.min(cpu, (c.user + c.system) / rows.length);
  }
  if (sink < 0) console.log(sink); // keep the work observable
  return { wallUs: wall, cpuUs: cpu, meanChars: rows.reduce((a, r) => a + r.response.length, 0) / rows.length };
}

/**
 * The rater runs a rule only when the text holds one of its literals; that is exact only if every
 * match contains one. Checks it on real text (posts and replies, lower-cased as the rater reads them).
 */
function checkRules(texts: readonly string[]): number {
  let bad = 0;
  for (const t of texts) {
    const lower = t.toLowerCase().replace(/[’‘`´]/g, "'");
    for (const [i, r] of EMPATHY_RULES.entries()) {
      const g = new RegExp(r.re.source, 'g');
      for (const m of lower.matchAll(g)) {
        if (m[0].length > 0 && !r.needs.some((n) => m[0].includes(n))) {
          bad++;
          console.log(`rule ${i} (${r.needs.slice(0, 3).join(', ')}…) matched "${m[0]}" without any of its literals`);
        }
      }
    }
  }
  return bad;
}

/** The crisis screen's method check runs only past EMPATHY_METHOD_GATE: no text the screen finds a method in may fail the gate. */
function checkMethodGate(texts: readonly string[]): number {
  let bad = 0;
  for (const t of texts) {
    const s = screen(t, { surface: 'reply' });
    const method = s.methodDetail || s.reasons.some((r) => r.code.startsWith('method.') || r.code.startsWith('act.'));
    EMPATHY_METHOD_GATE.lastIndex = 0;
    if (method && !EMPATHY_METHOD_GATE.test(t.toLowerCase().replace(/[’‘`´]/g, "'"))) {
      bad++;
      console.log(`method gate missed a text with method words (${s.reasons.map((r) => r.code).join(', ')})`);
    }
  }
  return bad;
}

function main(): void {
  const file = path.join(dataDir, SET, 'train.jsonl');
  if (!fs.existsSync(file)) {
    console.log(`eval-empathy: ${file} not found; nothing to evaluate. Set KINDRED_DATA_DIR to the folder holding ${SET}/ (see ../shared/data/README.md).`);
    return;
  }
  const args = process.argv.slice(2);
  const summary = args.includes('--summary');
  const errorsAt = args.indexOf('--errors');
  const devOnly = args.includes('--dev');

  const rows: Row[] = readJsonl(file).map((r) => {
    const seeker = String(r.seeker_post ?? '');
    const response = String(r.response_post ?? '');
    const f = rateEmpathy(seeker, response);
    return {
      id: String(r.id),
      thread: String(r.thread),
      fold: fnv1a(`epitome:${String(r.thread)}`) % FOLDS,
      seeker,
      response,
      gold: { er: level(r.emotional_reactions), ip: level(r.interpretations), ex: level(r.explorations) },
      pred: { er: f.emotionalReactions, ip: f.interpretations, ex: f.explorations },
    };
  });
  const dev = rows.filter((r) => r.fold !== VALIDATION_FOLD);
  const validation = rows.filter((r) => r.fold === VALIDATION_FOLD);

  console.log(`Kindred empathy feedback (${'hand-written rules'}) on EPITOME Reddit — ${file}`);
  console.log(
    `${rows.length} replies in ${new Set(rows.map((r) => r.thread)).size} threads; ${FOLDS} folds by thread (FNV-1a of "epitome:<thread>"): folds 0–3 dev (rules tuned while studying them), fold ${VALIDATION_FOLD} untouched validation.`,
  );
  console.log('Nothing is trained on this data (unclear licence: measure and study only). F1 = macro-F1 over none/weak/strong.');

  const figures: Record<string, unknown> = {};
  const folds = [0, 1, 2, 3, 4].filter((k) => !devOnly || k !== VALIDATION_FOLD);
  if (!summary) {
    figures.folds = table(
      'Per fold',
      folds.map((k) => [k === VALIDATION_FOLD ? `fold ${k} (validation)` : `fold ${k} (dev)`, rows.filter((r) => r.fold === k)]),
    );
  }
  figures.summary = table(
    'Summary',
    devOnly
      ? [['dev (folds 0–3)', dev]]
      : [
          ['dev (folds 0–3)', dev],
          ['validation (fold 4, untouched)', validation],
          ['all', rows],
        ],
  );

  const sp = speed(rows);
  figures.speed = sp;
  console.log(
    `\nSpeed: ${sp.wallUs.toFixed(1)} µs per reply wall clock, ${sp.cpuUs.toFixed(1)} µs CPU (best of 5 passes over ${rows.length} replies of ${sp.meanChars.toFixed(0)} characters on average; one core). Budget: < 1,000 µs.`,
  );

  if (errorsAt >= 0) {
    const dim = (args[errorsAt + 1] ?? 'er') as Dim;
    const max = Number(args[errorsAt + 2] ?? 20);
    if (!DIMS.includes(dim)) throw new Error(`--errors takes er, ip or ex, not ${dim}`);
    // Only ever the dev folds: the validation fold is not to be studied.
    const wrong = dev.filter((r) => r.gold[dim] !== r.pred[dim]);
    console.log(`\n--- DEV disagreements on ${DIM_NAMES[dim]} (${wrong.length} of ${dev.length}) ---`);
    for (const r of wrong.slice(0, max)) console.log(`gold ${r.gold[dim]} pred ${r.pred[dim]} :: ${r.response.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  if (args.includes('--check-rules')) {
    const bad = checkRules(rows.flatMap((r) => [r.seeker, r.response]));
    console.log(`\nRule literals: ${bad === 0 ? 'every match holds one of its rule\'s literals' : `${bad} matches without their rule's literals`} (${EMPATHY_RULES.length} rules, ${rows.length * 2} texts).`);
    const missed = checkMethodGate(rows.flatMap((r) => [r.seeker, r.response]));
    console.log(`Method gate: ${missed === 0 ? 'every text with a method signal passes it' : `${missed} texts with a method signal missed`}.`);
    if (bad > 0 || missed > 0) process.exitCode = 1;
  }
  if (args.includes('--json')) console.log(JSON.stringify(figures));
}

main();
