/**
 * Benchmark of the safety screen: screenings per second on ~1 KB texts written for this
 * benchmark (no data-set text), against a baseline of `toLowerCase()` + one regex test over the
 * same corpus measured in the same run, reported as a ratio. Two corpora:
 *
 *  - **mix** (the realistic case, the one the ≥ 20,000/s target applies to): most texts on a
 *    peer-support forum carry no crisis language. 80 % of texts are everyday and distressed
 *    sentences only; 20 % contain two or three crisis sentences among everyday ones.
 *  - **worst**: every sentence of every text is crisis language (ideation, plans, acts, negated
 *    and past mentions, idioms): the most rule work per byte.
 *
 *   npx tsx bench/safety.bench.ts
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { screen } from '../src/safety/index.js';
import { interleave } from './ab.js';
import { median, ownCpuSeconds } from './harness.js';

const EVERYDAY = [
  'Today I went to the market with my neighbour and we bought apples, bread and a bunch of flowers.',
  'Work has been hectic this week, with three deadlines and a manager who keeps changing the plan.',
  'My cat knocked a glass off the table again and then looked at me as if it were my fault.',
  'I finally finished the book my friend lent me, and the ending made me cry a little.',
  'We are thinking about a short trip to the coast next month if the weather holds up.',
  'This exam is killing me, I have revised the same chapter five times and still forget it.',
  'I was dying of laughter when my brother tried to dance at the wedding.',
  'Thank you all for listening, your replies really helped me get through the week.',
  'Does anyone have tips for getting back into running after a long break?',
  'My therapist suggested a gratitude journal and honestly it is helping more than I expected.',
  'I made soup for the first time and it was actually good, my roommate asked for seconds.',
  'We had a long talk at dinner about what we want to do next summer with the kids.',
  'Can someone recommend a podcast for the commute, something calm but not boring?',
  'It rained all day so I stayed in, watched a movie and called my grandmother.',
  'Just wanted to say this group has been a safe place for me, and I am grateful.',
  'My new job starts on Monday and I am a bit nervous but mostly excited about it.',
  'The bus was late again, so I walked and found a nice little cafe on the way.',
  'I love how my dog goes crazy every time I pick up the leash, best part of the day.',
  'We are painting the spare room green and I keep changing my mind about the shade.',
  'Honestly the meeting went better than I feared, my boss even said thanks.',
];

const DISTRESS = [
  'Lately I feel so tired and anxious, and I do not really know why.',
  'I have been so anxious about money that I cannot sleep properly most nights.',
  'Everything feels overwhelming at work and I cried in the car after my shift.',
  'I feel lonely since I moved to the city, and making friends is harder than I thought.',
  'My panic attacks are back and I am scared of having one on the train.',
  'I am stressed about exams and my parents keep asking about my grades.',
];

const CRISIS = [
  'Sometimes I wish I could just disappear and not have to deal with any of this.',
  'I do not want to wake up tomorrow, I am so tired of pretending everything is fine.',
  'I keep thinking about killing myself and I do not know who to tell.',
  'Two years ago I tried to end my life; today I am doing much better and I want to help others.',
  'My sister told me last night that she wants to die and I am scared for her.',
  'I have 40 pills saved in my drawer and I think tonight is the night.',
  'My dad hits me when he drinks and I am scared to go home after school.',
  'I have not eaten in four days and I still feel fat when I look in the mirror.',
  'Are you thinking about suicide? It is okay to tell me, I am here to listen.',
  'I cut myself again last night even though I promised myself I would stop.',
  'Everyone would be better off without me, I am just a burden and nothing will ever change.',
  'I am not suicidal, but I feel hopeless and empty and I hate myself.',
  'I want to kill myself, I have a plan and I wrote my goodbye note.',
  'What is the point of living when nobody cares whether I am here or not.',
];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
}

/**
 * A text as the server receives it: `JSON.parse` of a request body gives a flat string, while the
 * corpus built here by `+=` and `.slice` would be a rope or a slice of one, which V8 reads more
 * slowly char by char (≈ 3 % of a screening, measured) — the bench would overstate a posted text's cost.
 */
function asReceived(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function fill(next: () => number, pick: () => string): string {
  let t = '';
  while (t.length < 1024) t += `${pick()} `;
  return asReceived(t.slice(0, 1024));
}

/** 80 % everyday/distress texts (1 distress sentence in 4), 20 % with 2–3 crisis sentences among everyday ones. */
export function buildMix(n: number): string[] {
  const next = rng(12345);
  const calm = (): string => (next() % 4 === 0 ? DISTRESS[next() % DISTRESS.length]! : EVERYDAY[next() % EVERYDAY.length]!);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 5 !== 4) {
      out.push(fill(next, calm));
      continue;
    }
    // A crisis text: calm sentences with 2 or 3 crisis sentences at random places.
    const sentences: string[] = [];
    let len = 0;
    while (len < 1024) {
      const s = calm();
      sentences.push(s);
      len += s.length + 1;
    }
    const k = 2 + (next() % 2);
    for (let j = 0; j < k; j++) sentences[next() % sentences.length] = CRISIS[next() % CRISIS.length]!;
    out.push(asReceived(sentences.join(' ').slice(0, 1024)));
  }
  return out;
}

export function buildWorst(n: number): string[] {
  const next = rng(777);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(fill(next, () => CRISIS[next() % CRISIS.length]!));
  return out;
}

const BASELINE_RE = /\b(?:suicid\w*|kill (?:my)?self|want to die)\b/;

/**
 * 20,000-char texts that are (almost) one long word beside risk words: the shapes that made 1.5.0
 * take seconds per text (a lookbehind over words, quadratic in one long word). Posts go up to
 * 20,000 chars and the screen runs synchronously in the write path.
 */
export function buildLongWords(): string[] {
  const long = (c: string): string => c.repeat(20000);
  return [
    long('a') + ' will kill me',
    'will 5 mg ' + long('x') + ' kill me',
    'will 5 mg ' + long('1') + ' kill me',
    long('k') + ' I want to kill myself',
    'how many ' + long('x') + ' would it take to die',
    'she ' + long('x') + ' threatened to kill me',
    'he hit' + long('x') + ' me',
    long('x'),
  ];
}

/** Runs `fn` over the corpus for at least `minMs`; operations per second by wall clock and by CPU time of this process. */
export function timeLoop(corpus: string[], fn: (t: string) => number, minMs: number): { wall: number; cpu: number } {
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  const cpu0 = ownCpuSeconds();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of corpus) sink += fn(t);
    ops += corpus.length;
    elapsed = performance.now() - start;
  }
  const cpu = ownCpuSeconds() - cpu0;
  if (sink === -1) console.log(sink);
  return { wall: ops / (elapsed / 1000), cpu: ops / cpu };
}

/**
 * Measures screenings per second on 1 KB texts (mix and worst case) and the ratio to a lower-case +
 * one-regex baseline. The screen and the baseline are measured alternately, three times each, best
 * run kept: on a shared machine the CPU-time figure (µs of this process's CPU per screening) is the
 * one to compare between runs; wall-clock figures swing with the load.
 */
export interface InProcessRow {
  name: string;
  value: number;
  unit: string;
  /** On the throughput row: this over the baseline measured in the same run. */
  ratio?: number;
  baseline?: string;
}

/** `quick` halves every timed loop (three rounds each still). */
export async function benchSafety(o: { quick?: boolean } = {}): Promise<InProcessRow[]> {
  const ms = (x: number) => (o.quick ? x / 2 : x);
  const run = (t: string): number => screen(t).level;
  const base = (t: string): number => (BASELINE_RE.test(t.toLowerCase()) ? 1 : 0);
  const rows: InProcessRow[] = [];
  for (const [label, corpus] of [
    ['mix 80/20', buildMix(500)],
    ['worst case', buildWorst(500)],
  ] as const) {
    timeLoop(corpus, run, ms(300)); // warm-up
    timeLoop(corpus, base, ms(100));
    const screenBest = { wall: 0, cpu: 0 };
    const baseBest = { wall: 0, cpu: 0 };
    for (let round = 0; round < 3; round++) {
      const s = timeLoop(corpus, run, ms(500));
      const b = timeLoop(corpus, base, ms(170));
      screenBest.wall = Math.max(screenBest.wall, s.wall);
      screenBest.cpu = Math.max(screenBest.cpu, s.cpu);
      baseBest.wall = Math.max(baseBest.wall, b.wall);
      baseBest.cpu = Math.max(baseBest.cpu, b.cpu);
    }
    rows.push(
      { name: `safety.screen 1KB ${label}`, value: Math.round(screenBest.wall), unit: 'screenings/s', ratio: Number((screenBest.wall / baseBest.wall).toFixed(4)), baseline: `lower-case + one regex, same texts, alternating (${Math.round(baseBest.wall)}/s)` },
      { name: `safety.screen 1KB ${label} latency`, value: Number((1e6 / screenBest.wall).toFixed(1)), unit: 'µs/screening' },
      { name: `safety.screen 1KB ${label} CPU latency`, value: Number((1e6 / screenBest.cpu).toFixed(1)), unit: 'µs CPU/screening' },
      { name: `baseline lowercase+regex 1KB ${label}`, value: Math.round(baseBest.wall), unit: 'tests/s' },
      { name: `baseline lowercase+regex 1KB ${label} CPU latency`, value: Number((1e6 / baseBest.cpu).toFixed(2)), unit: 'µs CPU/test' },
      { name: `safety.screen / baseline ${label}`, value: Number((screenBest.wall / baseBest.wall).toFixed(4)), unit: 'ratio' },
    );
  }
  // Worst case by length: 20 KB single-word texts (see buildLongWords), against the baseline on the same texts.
  const longWords = buildLongWords();
  timeLoop(longWords, run, ms(100)); // warm-up
  const longScreen = timeLoop(longWords, run, ms(400));
  const longBase = timeLoop(longWords, base, ms(100));
  rows.push(
    { name: 'safety.screen 20KB one-word worst case latency', value: Number((1e6 / longScreen.wall).toFixed(1)), unit: 'µs/screening', ratio: Number((longScreen.wall / longBase.wall).toFixed(4)), baseline: `lower-case + one regex, same texts (${(1e6 / longBase.wall).toFixed(1)} µs/test)` },
  );
  return rows;
}

/** CPU µs per screening of `fn` over the corpus, for at least `minMs`. */
function cpuMicros(corpus: string[], fn: (t: string) => number, minMs: number): number {
  return 1e6 / timeLoop(corpus, fn, minMs).cpu;
}

const CORPORA = { 'mix 80/20': () => buildMix(500), 'worst case': () => buildWorst(500) } as const;
type CorpusName = keyof typeof CORPORA;

/**
 * A/B run: the screen of the working tree against the screen of a git revision. Each side runs in
 * its own child process (its own JIT state; in one process the second module measured ≈10 % off
 * with identical code), loaded the same way from a temporary copy, and the two are asked in turn,
 * round by round, for the CPU µs of one timed loop over the same corpus (the first side alternates),
 * so a shared machine's load hits both alike (`currentRef`: measure that revision instead of the working tree). Reported: best CPU time of `rounds` rounds each, and
 * the median of the per-round ratios.
 */
export async function benchSafetyAgainst(ref: string, rounds: number, currentRef?: string): Promise<{ corpus: string; before: number; after: number; ratio: number }[]> {
  const { fork } = await import('node:child_process');
  const { extractScreenAt, copyWorkingScreen } = await import('../scripts/safety-previous.js');
  const dirs = [extractScreenAt(ref), currentRef === undefined ? copyWorkingScreen() : extractScreenAt(currentRef)];
  const children = dirs.map((dir) => fork(fileURLToPath(import.meta.url), ['--ab-child', dir], { execArgv: ['--import', 'tsx'] }));
  const ask = (k: number, msg: { corpus: CorpusName; ms: number }): Promise<number> =>
    new Promise((resolve) => {
      children[k]!.once('message', (m) => resolve(m as number));
      children[k]!.send(msg);
    });
  const out: { corpus: string; before: number; after: number; ratio: number }[] = [];
  try {
    for (const corpus of Object.keys(CORPORA) as CorpusName[]) {
      // One corpus at a time: its warm-up right before its rounds.
      const us = await interleave({
        scenarios: [corpus],
        arms: [0, 1],
        rounds,
        warmUp: (c, k) => ask(k, { corpus: c, ms: 400 }),
        measure: (c, k) => ask(k, { corpus: c, ms: 150 }),
      });
      const best = (k: number) => Number(Math.min(...us.of(corpus, k)).toFixed(1));
      out.push({ corpus, before: best(0), after: best(1), ratio: Number(median(us.ratios(corpus, 1, 0, (x) => x)).toFixed(3)) });
    }
  } finally {
    for (const c of children) c.kill();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  return out;
}

/** The child of an A/B run: loads the screen copied to `dir` and answers timing requests. */
async function abChild(dir: string): Promise<void> {
  const { importScreenFrom } = await import('../scripts/safety-previous.js');
  const { screen: mod } = await importScreenFrom(dir);
  const corpora = new Map<CorpusName, string[]>();
  const run = (t: string): number => mod.screen(t).level;
  process.on('message', (msg: { corpus: CorpusName; ms: number }) => {
    let corpus = corpora.get(msg.corpus);
    if (corpus === undefined) corpora.set(msg.corpus, (corpus = CORPORA[msg.corpus]()));
    process.send!(cpuMicros(corpus, run, msg.ms));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--against');
  const child = process.argv.indexOf('--ab-child');
  if (child >= 0) {
    await abChild(process.argv[child + 1]!);
  } else if (at >= 0) {
    // npx tsx bench/safety.bench.ts --against <ref> [--with <ref>] [--rounds 25]: µs CPU per screening,
    // before (ref) / after (the working tree, or --with's revision).
    const r = process.argv.indexOf('--rounds');
    const w = process.argv.indexOf('--with');
    console.table(await benchSafetyAgainst(process.argv[at + 1] ?? 'HEAD', r >= 0 ? Number(process.argv[r + 1]) : 25, w >= 0 ? process.argv[w + 1] : undefined));
  } else {
    console.table(await benchSafety());
  }
}
