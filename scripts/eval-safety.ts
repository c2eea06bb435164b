/**
 * Scores the safety screen on the labelled sets in ../shared/data (or $KINDRED_DATA_DIR).
 *
 *   npm run eval:safety                 # figures for the validation fold (and dev for reference)
 *   npm run eval:safety -- --json       # also write the figures as JSON to stdout's last line
 *   npm run eval:safety -- --errors 20  # print up to 20 misses / false alarms from the DEV fold only
 *   npm run eval:safety -- --summary    # only the pooled figures of each fold (recall, false alarms)
 *
 * Folds: each row goes to "dev" or "validation" by a hash of its set and id (40 % dev, 60 %
 * validation). Rules may be studied and tuned against dev only; validation is the honest figure.
 * Data text is only read, never written anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { screenDetailed } from '../src/safety/screen.js';
import { DESPAIR_THRESHOLD } from '../src/safety/model/despair.js';
import type { Screening } from '../src/safety/index.js';
import { dataDir, fnv1a } from './data.js';

type Fold = 'dev' | 'validation';
/** positive: labelled suicidal; negative: labelled non-risk for suicide; other: not used for recall. */
type Truth = 'positive' | 'negative';

interface Item {
  set: string;
  id: string;
  fold: Fold;
  truth: Truth;
  /** Sub-group for reporting (e.g. dreaddit stress / no stress). */
  group: string;
  texts: string[];
}

function foldOf(set: string, id: string): Fold {
  return fnv1a(`${set}:${id}`) % 10 < 4 ? 'dev' : 'validation';
}

async function readJsonl(file: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) rows.push(JSON.parse(line) as Record<string, unknown>);
  return rows;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** How each set's labels map to suicidal / non-risk (see each README). */
const LOADERS: Record<string, (r: Record<string, unknown>) => Omit<Item, 'set' | 'fold'> | null> = {
  // Expert C-SSRS labels per user; Ideation/Behavior/Attempt (risk_level >= 2) are positive,
  // Supportive/Indicator negative. A user's level is the highest level over their posts.
  cssrs_reddit_500users: (r) => ({
    id: str(r.id),
    truth: num(r.risk_level) >= 2 ? 'positive' : 'negative',
    group: str(r.label),
    texts: Array.isArray(r.posts) ? r.posts.map(str) : [],
  }),
  // Subreddit labels: r/SuicideWatch positive; r/depression negative (a HARD negative: many
  // depression posts mention suicidal thoughts, so "false alarms" here are often true signals).
  sdcnl_suicide_vs_depression: (r) => ({
    id: str(r.id),
    truth: num(r.label) === 1 ? 'positive' : 'negative',
    group: num(r.label) === 1 ? 'SuicideWatch' : 'depression',
    texts: [`${str(r.title)}\n${str(r.text)}`],
  }),
  twitter_suicidal_intention: (r) => ({
    id: str(r.id),
    truth: num(r.label) === 1 ? 'positive' : 'negative',
    group: num(r.label) === 1 ? 'intention' : 'none',
    texts: [str(r.text)],
  }),
  kaggle_suicidewatch_vs_teenagers_5k: (r) => ({
    id: str(r.id),
    truth: str(r.label) === 'suicide' ? 'positive' : 'negative',
    group: str(r.label),
    texts: [str(r.text)],
  }),
  // IRF has no suicide label: both classes are risk-factor annotations on (mostly) SDCNL posts.
  // We report how often rows with / without a risk factor reach each level; not a recall target.
  irf_interpersonal_risk: (r) => {
    const tb = num(r.thwarted_belongingness) === 1;
    const pb = num(r.perceived_burdensomeness) === 1;
    return {
      id: str(r.id),
      truth: tb || pb ? 'positive' : 'negative',
      group: pb ? 'burdensomeness' : tb ? 'belongingness' : 'neither',
      texts: [str(r.text)],
    };
  },
  // Dreaddit: stress / no stress, not about suicide: every row is a non-risk (hard) negative.
  dreaddit_stress: (r) => ({
    id: str(r.id),
    truth: 'negative',
    group: num(r.label) === 1 ? 'stress' : 'no_stress',
    texts: [str(r.text)],
  }),
};

const CURVE = [Infinity, 8, 7, 6, 5, 4.5, 4, 3.75, 3.5, 3.25, 3, 2.75, 2.5, 2, 1.5, 1, 0, -Infinity];

const CRISIS_SETS = [
  'cssrs_reddit_500users',
  'sdcnl_suicide_vs_depression',
  'twitter_suicidal_intention',
  'kaggle_suicidewatch_vs_teenagers_5k',
];

interface Scored extends Item {
  level: number;
  suicideLevel: number;
  worst: Screening | null;
  /** Highest level from the rules alone. */
  rulesLevel: number;
  /** Highest model logit over the texts where the model was consulted (-Infinity if none). */
  maxLogit: number;
}

/** Level of an item at model threshold t: the rules, raised to 2 when some eligible text scores ≥ t. */
const levelAt = (s: Scored, t: number): number => (s.rulesLevel < 2 && s.maxLogit > -Infinity && s.maxLogit >= t ? 2 : s.rulesLevel);

/** Highest level over the texts; suicideLevel counts only suicide/self-harm/substance reasons. */
function scoreItem(item: Item): Scored {
  let level = 0;
  let suicideLevel = 0;
  let worst: Screening | null = null;
  let rulesLevel = 0;
  let maxLogit = -Infinity;
  for (const t of item.texts) {
    const d = screenDetailed(t, {}, DESPAIR_THRESHOLD);
    const s = d.screening;
    rulesLevel = Math.max(rulesLevel, d.rulesLevel);
    if (d.modelLogit !== null) maxLogit = Math.max(maxLogit, d.modelLogit);
    if (s.level > level || worst === null) {
      if (s.level >= level) worst = s;
      level = Math.max(level, s.level);
    }
    for (const r of s.reasons) {
      if ((r.category === 'suicide' || r.category === 'self_harm' || r.category === 'substances') && r.level > suicideLevel) {
        suicideLevel = r.level;
      }
    }
  }
  return { ...item, level, suicideLevel, worst, rulesLevel, maxLogit };
}

const pct = (a: number, b: number): string => (b === 0 ? '   -  ' : (a / b).toFixed(3).padStart(6));

/** `--summary`: print the pooled figures only (the per-set tables and the curve are still returned by --json). */
const summary = process.argv.includes('--summary');
const log = (line: string): void => {
  if (!summary) console.log(line);
};

function report(scored: Scored[], fold: Fold): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  console.log(`\n=== ${fold.toUpperCase()} fold ${fold === 'validation' ? '(not studied while tuning)' : '(studied while tuning; reference only)'} ===`);
  for (const set of Object.keys(LOADERS)) {
    const rows = scored.filter((s) => s.set === set && s.fold === fold);
    if (rows.length === 0) continue;
    const pos = rows.filter((r) => r.truth === 'positive');
    const neg = rows.filter((r) => r.truth === 'negative');
    const setOut: Record<string, unknown> = { n: rows.length, positives: pos.length, negatives: neg.length };
    log(`\n${set}  (n=${rows.length}, ${set === 'irf_interpersonal_risk' ? 'risk factor' : 'suicidal'}=${pos.length}, ${set === 'irf_interpersonal_risk' ? 'no factor' : 'non-risk'}=${neg.length})`);
    if (pos.length > 0) {
      log('  threshold   recall  precision');
      for (let t = 1; t <= 5; t++) {
        const tp = pos.filter((r) => r.level >= t).length;
        const fp = neg.filter((r) => r.level >= t).length;
        log(`  level>=${t}   ${pct(tp, pos.length)}  ${pct(tp, tp + fp)}`);
        setOut[`recall_ge${t}`] = pos.length ? tp / pos.length : null;
        setOut[`precision_ge${t}`] = tp + fp ? tp / (tp + fp) : null;
      }
    }
    if (neg.length > 0) {
      const fa2 = neg.filter((r) => r.level >= 2).length;
      const fa3 = neg.filter((r) => r.level >= 3).length;
      const fs2 = neg.filter((r) => r.suicideLevel >= 2).length;
      const fs3 = neg.filter((r) => r.suicideLevel >= 3).length;
      log(`  non-risk rows flagged: level>=2 ${pct(fa2, neg.length)}   level>=3 ${pct(fa3, neg.length)}   (suicide/self-harm/substance reasons only: >=2 ${pct(fs2, neg.length)}, >=3 ${pct(fs3, neg.length)})`);
      setOut.false_alarm_ge2 = fa2 / neg.length;
      setOut.false_alarm_ge3 = fa3 / neg.length;
      setOut.false_alarm_suicide_ge2 = fs2 / neg.length;
      setOut.false_alarm_suicide_ge3 = fs3 / neg.length;
    }
    const groups = [...new Set(rows.map((r) => r.group))].sort();
    if (groups.length > 1) {
      const byGroup: Record<string, unknown> = {};
      const line = groups
        .map((g) => {
          const gr = rows.filter((r) => r.group === g);
          const ge2 = gr.filter((r) => r.level >= 2).length;
          const ge3 = gr.filter((r) => r.level >= 3).length;
          byGroup[g] = { n: gr.length, ge2: ge2 / gr.length, ge3: ge3 / gr.length };
          return `${g} n=${gr.length} >=2 ${pct(ge2, gr.length).trim()} >=3 ${pct(ge3, gr.length).trim()}`;
        })
        .join(' | ');
      log(`  by group: ${line}`);
      setOut.groups = byGroup;
    }
    out[set] = setOut;
  }
  // Pooled targets.
  const crisisPos = scored.filter((s) => s.fold === fold && CRISIS_SETS.includes(s.set) && s.truth === 'positive');
  const nonRisk = scored.filter(
    (s) => s.fold === fold && ((s.set === 'kaggle_suicidewatch_vs_teenagers_5k' && s.truth === 'negative') || s.set === 'dreaddit_stress'),
  );
  const r2 = crisisPos.filter((r) => r.level >= 2).length;
  const n2 = nonRisk.filter((r) => r.level >= 2).length;
  const n3 = nonRisk.filter((r) => r.level >= 3).length;
  console.log(`\nPOOLED (${fold}): recall of suicidal rows at level>=2: ${pct(r2, crisisPos.length)} (target >= 0.95, n=${crisisPos.length})`);
  console.log(`POOLED (${fold}): false alarms on non-risk text (kaggle teenagers + dreaddit): level>=2 ${pct(n2, nonRisk.length)} (target <= 0.10), level>=3 ${pct(n3, nonRisk.length)} (target <= 0.03), n=${nonRisk.length}`);
  const rr2 = crisisPos.filter((r) => r.rulesLevel >= 2).length;
  const rn2 = nonRisk.filter((r) => r.rulesLevel >= 2).length;
  const byModel = crisisPos.filter((r) => r.rulesLevel < 2 && r.level >= 2).length;
  console.log(`POOLED (${fold}): rules alone: recall>=2 ${pct(rr2, crisisPos.length)}, false alarms>=2 ${pct(rn2, nonRisk.length)}; the model (model.despair, threshold ${DESPAIR_THRESHOLD}) adds ${byModel} suicidal rows (+${(byModel / crisisPos.length).toFixed(3)}) and ${n2 - rn2} false alarms (+${((n2 - rn2) / nonRisk.length).toFixed(3)})`);
  log(`\nTrade-off (${fold}): model threshold → pooled recall>=2 / false alarms>=2 (level>=3 is rules only: ${pct(n3, nonRisk.length).trim()})`);
  const curve: Record<string, unknown>[] = [];
  for (const t of CURVE) {
    const rc = crisisPos.filter((r) => levelAt(r, t) >= 2).length / crisisPos.length;
    const fa = nonRisk.filter((r) => levelAt(r, t) >= 2).length / nonRisk.length;
    const perSet = CRISIS_SETS.map((set) => {
      const p = crisisPos.filter((r) => r.set === set);
      return `${set.split('_')[0]} ${(p.filter((r) => levelAt(r, t) >= 2).length / p.length).toFixed(3)}`;
    }).join(', ');
    curve.push({ threshold: t, recall_ge2: rc, false_alarm_ge2: fa });
    log(`  t=${String(t).padEnd(8)} recall ${rc.toFixed(3)}  false alarms ${fa.toFixed(3)}   (${perSet})`);
  }
  out.pooled = {
    recall_ge2: r2 / crisisPos.length,
    false_alarm_ge2: n2 / nonRisk.length,
    false_alarm_ge3: n3 / nonRisk.length,
    rules_recall_ge2: rr2 / crisisPos.length,
    rules_false_alarm_ge2: rn2 / nonRisk.length,
    curve,
  };
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(dataDir)) {
    console.error(`eval-safety: data directory not found: ${dataDir}\nSet KINDRED_DATA_DIR to the folder holding the labelled sets (see ../shared/data/README.md).`);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const errorsIdx = args.indexOf('--errors');
  const showErrors = errorsIdx >= 0 ? Number(args[errorsIdx + 1] ?? 20) : 0;
  const onlySet = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;

  const items: Item[] = [];
  for (const [set, load] of Object.entries(LOADERS)) {
    if (onlySet && set !== onlySet) continue;
    const file = path.join(dataDir, set, 'train.jsonl');
    if (!fs.existsSync(file)) {
      console.error(`eval-safety: missing ${file}; skipping ${set}`);
      continue;
    }
    for (const r of await readJsonl(file)) {
      const it = load(r);
      if (it) items.push({ ...it, set, fold: foldOf(set, it.id) });
    }
  }
  if (items.length === 0) {
    console.error(`eval-safety: no labelled rows found under ${dataDir}`);
    process.exit(1);
  }
  const t0 = performance.now();
  const scored = items.map(scoreItem);
  const ms = performance.now() - t0;
  const nTexts = items.reduce((a, i) => a + i.texts.length, 0);
  console.log(`Kindred safety screen evaluation — data: ${dataDir}`);
  console.log(`${items.length} rows, ${nTexts} texts screened in ${ms.toFixed(0)} ms. Folds: 40 % dev / 60 % validation by FNV-1a hash of set:id.`);
  console.log('Positive = labelled suicidal (C-SSRS Ideation/Behavior/Attempt; r/SuicideWatch; twitter label 1). IRF: positive = has a risk factor (not a suicide label).');

  const dev = report(scored, 'dev');
  const validation = report(scored, 'validation');

  if (showErrors > 0) {
    // Only ever the dev fold: the validation fold is not to be studied.
    const dv = scored.filter((s) => s.fold === 'dev' && s.set !== 'cssrs_reddit_500users');
    const misses = dv.filter((s) => s.truth === 'positive' && s.level < 2 && s.set !== 'irf_interpersonal_risk');
    const alarms = dv.filter((s) => s.truth === 'negative' && s.level >= 2 && (s.set === 'dreaddit_stress' || s.set.startsWith('kaggle')));
    console.log(`\n--- DEV misses (${misses.length}) ---`);
    for (const m of misses.slice(0, showErrors)) console.log(`[${m.set}] L${m.level} ${m.texts.join(' ').replace(/\s+/g, ' ').slice(0, 400)}`);
    console.log(`\n--- DEV false alarms (${alarms.length}) ---`);
    for (const a of alarms.slice(0, showErrors)) {
      const w = a.worst;
      const why = w ? w.reasons.filter((r) => r.level >= 2).map((r) => `${r.code}:${r.level}[${a.texts[0]!.slice(r.span[0], r.span[1])}]`).join(' ') : '';
      console.log(`[${a.set}/${a.group}] L${a.level} ${why} :: ${a.texts.join(' ').replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }
  if (args.includes('--json')) console.log(JSON.stringify({ dev, validation }));
}

await main();
