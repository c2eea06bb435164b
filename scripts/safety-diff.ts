/**
 * Differential check of the crisis screen: the working tree against a git revision (default HEAD).
 * Every text field of every local data set (../shared/data or $KINDRED_DATA_DIR), the string
 * literals of the safety tests and the benchmark corpora are screened by both, each
 * as written, upper-cased, on the `reply` surface, and (one in seven) with odd Unicode inserted.
 * Compared: level, categories, method detail, subject, every reason (code, category, level, span,
 * context), the rules-only level and the model logit. Prints the count of screenings and of
 * differences (with the first few), and exits 1 when any differ.
 *
 *   npx tsx scripts/safety-diff.ts [--against <git ref>] [--show 10] [--limit 1000] [--verdicts]
 *
 * Data text is only read, never written anywhere; differences print at most 160 characters of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { screenDetailed } from '../src/safety/screen.js';
import { DESPAIR_THRESHOLD } from '../src/safety/model/despair.js';
import { buildMix, buildWorst } from '../bench/safety.bench.js';
import { dataDir, readJsonl, repoRoot } from './data.js';
import { loadScreenAt } from './safety-previous.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Every string in a JSON value (arrays and nested objects included), except ids and labels. */
function strings(v: unknown, key: string, out: string[]): void {
  if (typeof v === 'string') {
    if (v.length > 0 && !/^(?:id|label|.*_id|subreddit)$/.test(key)) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) strings(x, key, out);
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, k, out);
}

/** The texts as the evaluation reads them too: title + text joined where a row has both. */
function rowTexts(row: Record<string, unknown>): string[] {
  const out: string[] = [];
  strings(row, '', out);
  if (typeof row.title === 'string' && typeof row.text === 'string') out.push(`${row.title}\n${row.text}`);
  return out;
}

/** String literals of the safety tests (quoted with ', " or ` without interpolation). */
function testStrings(): string[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.test\.ts$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(repoRoot, 'src/safety'));
  walk(path.join(repoRoot, 'src/server/modules/safety'));
  const out: string[] = [];
  const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g;
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(re)) {
      const raw = m[1] ?? m[2] ?? m[3] ?? '';
      if (raw.length < 2) continue;
      try {
        out.push(JSON.parse(`"${raw.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string);
      } catch {
        out.push(raw);
      }
    }
  }
  return out;
}

/** Deterministic odd Unicode: zero-width and no-break spaces, curly quotes, emoji, combining marks, astral letters. */
const ODD = ['\u200b', '\u00a0', '’', '‘', '“', '😢', '\u0301', '𝐚', '\ufeff', 'İ', 'ß', '\u2028', '—', '…'];
function oddify(text: string, seed: number): string {
  let s = seed >>> 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    if ((s >>> 16) % 23 === 0) out += ODD[(s >>> 8) % ODD.length];
    const c = text[i]!;
    out += c === "'" && (s >>> 4) % 2 === 0 ? '’' : c;
  }
  return out;
}

const previous = await loadScreenAt(arg('--against') ?? 'HEAD');
const show = Number(arg('--show') ?? 10);
const limit = Number(arg('--limit') ?? Infinity);

const texts: string[] = [];
for (const set of fs.readdirSync(dataDir).sort()) {
  const dir = path.join(dataDir, set);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const row of readJsonl(path.join(dir, file))) texts.push(...rowTexts(row));
  }
}
texts.push(...testStrings(), ...buildMix(500), ...buildWorst(500));
const unique = [...new Set(texts)].slice(0, limit);

type Verdict = ReturnType<typeof screenDetailed>;
/** `--verdicts`: level, categories, subject and method detail only (for a change meant to alter rules or weights). */
const verdictsOnly = process.argv.includes('--verdicts');
const comparable = (d: Verdict): string => {
  const { version: _version, ...rest } = d.screening;
  if (verdictsOnly) return JSON.stringify([rest.level, rest.categories, rest.subject, rest.methodDetail]);
  return JSON.stringify([rest, d.rulesLevel, d.modelLogit]);
};

let screenings = 0;
let differences = 0;
const thresholdPrev = previous.despair.DESPAIR_THRESHOLD;
unique.forEach((t, i) => {
  const variants: [string, 'post' | 'reply'][] = [
    [t, 'post'],
    [t.toUpperCase(), 'post'],
    [t, 'reply'],
  ];
  if (i % 7 === 0) variants.push([oddify(t, i), 'post']);
  for (const [text, surface] of variants) {
    const a = comparable(previous.screen.screenDetailed(text, { surface }, thresholdPrev));
    const b = comparable(screenDetailed(text, { surface }, DESPAIR_THRESHOLD));
    screenings++;
    if (a !== b) {
      differences++;
      if (differences <= show) {
        console.log(`DIFF (${surface}) ${JSON.stringify(text.slice(0, 160))}\n  before ${a}\n  after  ${b}`);
      }
    }
  }
});
fs.rmSync(previous.dir, { recursive: true, force: true });
console.log(`${unique.length} distinct texts, ${screenings} screenings compared, ${differences} differences`);
process.exitCode = differences === 0 ? 0 : 1;
