/**
 * Equivalence check for speed work on the crisis screen: the working tree's `screen` against a git
 * revision's (`--against`, required), on every input below, comparing everything `screen` returns (level,
 * categories, reasons with codes, levels, spans and context, method detail, subject, version) plus
 * the rules-only level and the model logit of `screenDetailed`. Zero differences are allowed: a
 * speed change must not move a single verdict (issue #3, ADR 038).
 *
 * Inputs:
 *  - every string of every row of every `*.jsonl` in the non-sealed data directory (../shared/data or
 *    $KINDRED_DATA_DIR; the sealed hold-out lives elsewhere and is never read), and title + text joined;
 *  - every string literal of the safety tests (src/safety/**\/*.test.ts: every case of their tables);
 *  - the benchmark corpora (mix, worst case, the 20 KB one-word texts);
 *  - `--variants` (default 300,000) generated variants of those texts, seeded: case changes,
 *    punctuation and apostrophes removed or swapped, crisis and everyday texts spliced word by word,
 *    Unicode (emoji, jest marks, the Kelvin sign and long s that fold onto ASCII under /iu, zero-width
 *    and no-break spaces, combining marks, astral letters), very long repeats, and empty or tiny texts;
 *    each on a surface drawn from all of ScreenOptions['surface'] (and none).
 *
 *   npx tsx scripts/screen-equivalence.ts --against <git ref> [--variants 300000] [--seed 1] [--show 10] [--ignore-version]
 *
 * `--ignore-version` leaves the version string out of the comparison: for a rule change that bumps it
 * and must show only the verdicts it meant to change (each difference is then printed, with --show,
 * and counted as a raise or a lowering of the level). A subject turned from the writer ('self') to someone
 * else ('other') at level 2 or more counts as lowered too, at any level: the server alerts for 'self' from
 * level 3 but for 'other' only from level 4 (safety.service.ts), so such a flip can lose an alert.
 *
 * Data text is only read, never written; differences print at most 160 characters of a text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { screen, screenDetailed } from '../src/safety/screen.js';
import { DESPAIR_THRESHOLD } from '../src/safety/model/despair.js';
import type { ScreenOptions, Screening } from '../src/safety/types.js';
import { buildLongWords, buildMix, buildWorst } from '../bench/safety.bench.js';
import { dataDir, readJsonl, repoRoot } from './data.js';
import { loadScreenAt } from './safety-previous.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every string in a JSON value (nested arrays and objects included). */
function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

/** Every text of the non-sealed data sets: each string of each row, and title + text joined. */
export function dataTexts(): string[] {
  if (/sealed/.test(path.resolve(dataDir))) throw new Error(`refusing to read ${dataDir}: sealed data is not for this check`);
  const out: string[] = [];
  for (const set of fs.readdirSync(dataDir).sort()) {
    const dir = path.join(dataDir, set);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      for (const row of readJsonl(path.join(dir, file))) {
        strings(row, out);
        if (typeof row.title === 'string' && typeof row.text === 'string') out.push(`${row.title}\n${row.text}`);
      }
    }
  }
  return out;
}

/** String literals of the safety tests (quoted with ', " or ` without interpolation): every table case. */
export function testTableTexts(): string[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(path.join(repoRoot, 'src/safety'));
  const out: string[] = [];
  const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g;
  for (const f of files.sort()) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(re)) {
      const raw = m[1] ?? m[2] ?? m[3] ?? '';
      try {
        out.push(JSON.parse(`"${raw.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string);
      } catch {
        out.push(raw);
      }
    }
  }
  return out;
}

/** A small seeded generator (LCG), so that a run can be repeated exactly. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

/** Odd characters: emoji (and the jest ones), jest words, case-folding letters, invisible and astral ones. */
const ODD = [
  '😂', '🤣', '💀', '😆', '😅', '😢', '🙃', '❤️', ' lol', ' LOL ', ' jk', ' xD', ' haha ', ' lmao', '\u212a', '\u017f', 'ſ', 'K',
  '\u200b', '\u00a0', '\ufeff', '\u2028', '\u0301', '𝐚', 'İ', 'ß', '’', '‘', '“', '”', '—', '…', '\n', '\t', '  ',
];

function randomCase(t: string, r: (n: number) => number): string {
  let out = '';
  for (const c of t) out += r(2) === 0 ? c.toUpperCase() : c.toLowerCase();
  return out;
}

/** One variant of `a` (with `b` for splices), by kind. */
function variant(kind: number, a: string, b: string, r: (n: number) => number): string {
  switch (kind) {
    case 0:
      return a.toUpperCase();
    case 1:
      return a.toLowerCase();
    case 2:
      return randomCase(a, r);
    case 3:
      return a.replace(/\b[a-z]/g, (c) => c.toUpperCase());
    case 4:
      return a.replace(/[.,!?;:"'’‘`´()\-]/g, '');
    case 5:
      return a.replace(/[.,!?;:]/g, ' ').replace(/['’]/g, (c) => (c === "'" ? '’' : "'"));
    case 6: {
      // Words of a crisis text and an everyday text spliced, in turn or in runs.
      const wa = a.split(/\s+/);
      const wb = b.split(/\s+/);
      const out: string[] = [];
      for (let i = 0, j = 0; i < wa.length || j < wb.length; ) {
        const take = 1 + r(4);
        if (r(2) === 0) out.push(...wa.slice(i, (i += take)));
        else out.push(...wb.slice(j, (j += take)));
      }
      return out.join(' ');
    }
    case 7: {
      // A crisis text inserted at a word boundary of an everyday one.
      const words = b.split(' ');
      const at = r(words.length + 1);
      return [...words.slice(0, at), a, ...words.slice(at)].join(' ');
    }
    case 8: {
      let out = '';
      for (const c of a) {
        if (r(9) === 0) out += ODD[r(ODD.length)];
        out += c;
      }
      return out + (r(3) === 0 ? ODD[r(ODD.length)] : '');
    }
    case 9:
      return `${a} ${ODD[r(ODD.length)]} ${b}`;
    case 10:
      return a.replace(/\s+/g, r(2) === 0 ? '' : '  ');
    case 11: {
      // Very long: the text repeated (with or without spaces) to 3,000–20,000 characters.
      const target = 3000 + r(17000);
      const sep = ['', ' ', '. ', '\n'][r(4)]!;
      let out = a;
      while (out.length < target) out += sep + (r(2) === 0 ? a : b);
      return out.slice(0, target);
    }
    case 12: {
      // Tiny: a prefix, a suffix or a single word.
      const words = a.split(/\s+/);
      return r(3) === 0 ? (words[r(words.length)] ?? '') : r(2) === 0 ? a.slice(0, r(12)) : a.slice(a.length - r(12));
    }
    default:
      return `${b}. ${a}`;
  }
}

const SURFACES: (ScreenOptions['surface'] | undefined)[] = [undefined, 'post', 'reply', 'message', 'group_message', 'checkin_note', 'journal', 'bio', 'support_request', 'other'];

export async function main(): Promise<number> {
  // No default: the useful base (where the speed work started, a release tag) is the caller's to
  // name; a default of "merge-base HEAD main" was HEAD itself on main and compared the screen with itself.
  const ref = arg('--against');
  if (ref === undefined) {
    console.error('usage: npx tsx scripts/screen-equivalence.ts --against <git ref> [--variants 300000] [--seed 1] [--show 10]');
    process.exit(2);
  }
  const git = (...a: string[]): string => execFileSync('git', a, { cwd: repoRoot, encoding: 'utf8' }).trim();
  if (git('rev-parse', `${ref}^{commit}`) === git('rev-parse', 'HEAD') && git('status', '--porcelain', '--', 'src/safety') === '') {
    console.error(`--against ${ref} is HEAD and src/safety has no uncommitted change: the check would compare the screen with itself`);
    process.exit(2);
  }
  const ignoreVersion = process.argv.includes('--ignore-version');
  const nVariants = Number(arg('--variants') ?? 300_000);
  const show = Number(arg('--show') ?? 10);
  const r = rng(Number(arg('--seed') ?? 1));
  const previous = await loadScreenAt(ref);
  const thresholdPrev = previous.despair.DESPAIR_THRESHOLD;
  if (thresholdPrev !== DESPAIR_THRESHOLD) console.log(`note: the model threshold differs (${thresholdPrev} → ${DESPAIR_THRESHOLD})`);

  let screenings = 0;
  let differences = 0;
  let raised = 0;
  let lowered = 0;
  let flipped = 0;
  const shown = (s: Screening): Screening | Omit<Screening, 'version'> => {
    if (!ignoreVersion) return s;
    const { version: _version, ...rest } = s;
    return rest;
  };
  const check = (text: string, options: ScreenOptions, origin: string): void => {
    const a = previous.screen.screenDetailed(text, options, thresholdPrev);
    const b = screenDetailed(text, options, DESPAIR_THRESHOLD);
    const sa = previous.screen.screen(text, options);
    const sb = screen(text, options);
    const pa = JSON.stringify([shown(sa), a.rulesLevel, a.modelLogit]);
    const pb = JSON.stringify([shown(sb), b.rulesLevel, b.modelLogit]);
    screenings++;
    if (pa !== pb) {
      differences++;
      // The writer's own crisis read as someone else's (self → other at level ≥ 2): a lost alert, a lowering.
      const flip = sa.subject === 'self' && sb.subject === 'other' && sa.level >= 2 && sb.level <= sa.level;
      const down = sb.level < sa.level || flip;
      if (sb.level > sa.level) raised++;
      if (down) lowered++;
      if (flip) flipped++;
      // Every lowering is printed, beyond --show: each must be looked at.
      if (differences <= show || down) {
        const tag = sb.level < sa.level ? 'LOWERED ' : flip ? 'LOWERED (self → other) ' : '';
        console.log(`${tag}DIFF (${origin}, ${options.surface ?? 'none'}) ${JSON.stringify(text.slice(0, 160))}\n  before ${pa}\n  after  ${pb}`);
      }
    }
  };

  const data = [...new Set(dataTexts())];
  const tests = [...new Set(testTableTexts())];
  const bench = [...buildMix(500), ...buildWorst(500), ...buildLongWords()];
  const started = Date.now();
  for (const t of data) check(t, {}, 'data');
  for (const t of tests) for (const surface of SURFACES) check(t, { surface }, 'test');
  for (const t of bench) check(t, {}, 'bench');
  for (const t of ['', ' ', '\n', '.', 'a', 'K', '\u212a', 'ſ', '😂', 'lol', 'jk', 'kms', 'kys']) check(t, {}, 'tiny');
  const fixed = screenings;

  // Crisis-like texts (the test tables, the worst-case corpus) and everyday ones (the mix, the data).
  const crisis = [...tests.filter((t) => t.length >= 8), ...buildWorst(50)];
  const everyday = [...buildMix(200), ...data.filter((_, i) => i % 7 === 0)];
  for (let i = 0; i < nVariants; i++) {
    const kind = r(14);
    // Long texts cost ≈ 100× a short one: one variant in fifty is long.
    const k = kind === 11 && r(50) !== 0 ? 0 : kind;
    const a = r(3) === 0 ? everyday[r(everyday.length)]! : crisis[r(crisis.length)]!;
    const b = everyday[r(everyday.length)]!;
    check(variant(k, a, b, r), { surface: SURFACES[r(SURFACES.length)] }, `variant ${k}`);
  }
  fs.rmSync(previous.dir, { recursive: true, force: true });
  console.log(
    `against ${ref}: ${data.length} data texts, ${tests.length} test-table texts × ${SURFACES.length} surfaces, ${bench.length} bench texts, ` +
      `${screenings - fixed} generated variants: ${screenings} screenings compared in ${((Date.now() - started) / 1000).toFixed(0)} s, ${differences} differences` +
      ` (level raised ${raised}, lowered ${lowered}, of which ${flipped} a subject turned from self to other)`,
  );
  return differences === 0 ? 0 : 1;
}

process.exitCode = await main();
