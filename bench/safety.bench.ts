/**
 * Benchmark of the safety screen: screenings per second on ~1 KB texts written for this
 * benchmark (a mix of everyday, distressed and crisis language; no data-set text), against a
 * baseline of `toLowerCase()` + one regex test over the same corpus, reported as a ratio.
 *
 *   npx tsx bench/safety.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { screen } from '../src/safety/index.js';

const SENTENCES = [
  'Today I went to the market with my neighbour and we bought apples, bread and a bunch of flowers.',
  'Work has been hectic this week, with three deadlines and a manager who keeps changing the plan.',
  'My cat knocked a glass off the table again and then looked at me as if it were my fault.',
  'I finally finished the book my friend lent me, and the ending made me cry a little.',
  'We are thinking about a short trip to the coast next month if the weather holds up.',
  'This exam is killing me, I have revised the same chapter five times and still forget it.',
  'I was dying of laughter when my brother tried to dance at the wedding.',
  'Lately I feel so tired and empty, like nothing I do matters to anyone around me.',
  'I have been so anxious about money that I cannot sleep properly most nights.',
  'Sometimes I wish I could just disappear and not have to deal with any of this.',
  'I do not want to wake up tomorrow, I am so tired of pretending everything is fine.',
  'I keep thinking about killing myself and I do not know who to tell.',
  'Two years ago I tried to end my life; today I am doing much better and I want to help others.',
  'My sister told me last night that she wants to die and I am scared for her.',
  'I have 40 pills saved in my drawer and I think tonight is the night.',
  'My dad hits me when he drinks and I am scared to go home after school.',
  'I have not eaten in four days and I still feel fat when I look in the mirror.',
  'Thank you all for listening, your replies really helped me get through the week.',
  'Are you thinking about suicide? It is okay to tell me, I am here to listen.',
  'I cut myself again last night even though I promised myself I would stop.',
];

function buildCorpus(n: number): string[] {
  const corpus: string[] = [];
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  for (let i = 0; i < n; i++) {
    let t = '';
    while (t.length < 1024) t += `${SENTENCES[next() % SENTENCES.length]} `;
    corpus.push(t.slice(0, 1024));
  }
  return corpus;
}

const BASELINE_RE = /\b(?:suicid\w*|kill (?:my)?self|want to die)\b/;

function timeLoop(corpus: string[], fn: (t: string) => number, minMs: number): number {
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of corpus) sink += fn(t);
    ops += corpus.length;
    elapsed = performance.now() - start;
  }
  if (sink === -1) console.log(sink);
  return ops / (elapsed / 1000);
}

/** Measures screenings per second on 1 KB texts and the ratio to a lower-case + one-regex baseline. */
export async function benchSafety(): Promise<{ name: string; value: number; unit: string }[]> {
  const corpus = buildCorpus(500);
  const run = (t: string): number => screen(t).level;
  const base = (t: string): number => (BASELINE_RE.test(t.toLowerCase()) ? 1 : 0);
  timeLoop(corpus, run, 300); // warm-up
  timeLoop(corpus, base, 100);
  const screenOps = timeLoop(corpus, run, 1500);
  const baseOps = timeLoop(corpus, base, 500);
  return [
    { name: 'safety.screen 1KB', value: Math.round(screenOps), unit: 'screenings/s' },
    { name: 'safety.screen 1KB latency', value: Number((1e6 / screenOps).toFixed(1)), unit: 'µs/screening' },
    { name: 'baseline lowercase+regex 1KB', value: Math.round(baseOps), unit: 'tests/s' },
    { name: 'safety.screen / baseline', value: Number((screenOps / baseOps).toFixed(3)), unit: 'ratio' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await benchSafety();
  console.table(rows);
}
