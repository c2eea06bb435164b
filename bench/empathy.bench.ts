/**
 * Benchmark of the empathy feedback (src/safety/empathy.ts): replies rated per second on ~1 KB
 * replies assembled from sentences written for this benchmark (no data-set text) — warm words,
 * reflections, questions, advice, a shared story, pitfalls (minimizing, toxic positivity,
 * judgement) and, in one reply in ten, a phone number or a method word that wakes the crisis
 * screen's method check. Reported with a lower-case + one-regex baseline measured in the same run
 * (alternating, best of three), as bench/safety.bench.ts does; the CPU-time figure is the one to
 * compare on a shared machine.
 *
 *   npx tsx bench/empathy.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { rateEmpathy } from '../src/safety/index.js';
import { rng, timeLoop, type InProcessRow } from './safety.bench.js';

const SEEKERS = [
  "I lost my job last week and I can't stop feeling like a failure. I haven't told my family yet.",
  "Does anyone else feel completely alone even when they're around people?",
  "I've been having a really hard time since my mum died and I don't know who to talk to.",
  'My exams start on Monday and I have not slept properly in days.',
];

const SENTENCES = [
  "I'm so sorry you're going through this right now.",
  'That sounds exhausting, especially with everything else going on.',
  'It must be so hard to carry all of that on your own.',
  'How have you been feeling since it happened?',
  'What would help most this week, even a little?',
  'I lost my job a couple of years ago and I remember how ashamed I felt for weeks.',
  'When my dad died I stopped answering my phone for a month, so I get it.',
  'You should tell your family, they will understand.',
  'Try going for a walk every morning, it really helps.',
  'Have you thought about talking to your doctor about the sleep?',
  'At least you still have your health and your friends.',
  'Everything happens for a reason, stay positive!',
  "You're not alone in this, and it's not your fault.",
  'Sending you a big hug and lots of strength.',
  'Honestly I think you are doing better than you give yourself credit for.',
  'Who cares what they think anyway, right?',
  'Take care of yourself and be gentle with yourself tonight.',
  'I hope tomorrow is a little kinder to you.',
];
const RARE = ['You can text me on 07700 900123 if you want.', 'I once took too many pills and ended up in hospital.'];

/** 1 KB replies: sentences drawn at random; one reply in ten also carries a contact detail or a method word. */
export function buildReplies(n: number): { seeker: string; reply: string }[] {
  const next = rng(4242);
  const out: { seeker: string; reply: string }[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    let len = 0;
    while (len < 1024) {
      const s = SENTENCES[next() % SENTENCES.length]!;
      parts.push(s);
      len += s.length + 1;
    }
    if (i % 10 === 9) parts[next() % parts.length] = RARE[next() % RARE.length]!;
    out.push({ seeker: SEEKERS[i % SEEKERS.length]!, reply: parts.join(' ').slice(0, 1024) });
  }
  return out;
}

const BASELINE_RE = /\b(?:sorry|sounds|must be|feel)\b/;

/** Replies rated per second (1 KB), µs per reply (wall and CPU), and the ratio to the baseline. */
/** `quick` halves every timed loop (three rounds each still). */
export async function benchEmpathy(o: { quick?: boolean } = {}): Promise<InProcessRow[]> {
  const ms = (x: number) => (o.quick ? x / 2 : x);
  const replies = buildReplies(500);
  const bySeeker = new Map(replies.map((r) => [r.reply, r.seeker]));
  const corpus = replies.map((r) => r.reply);
  const run = (t: string): number => rateEmpathy(bySeeker.get(t) ?? '', t).notes.length;
  const base = (t: string): number => (BASELINE_RE.test(t.toLowerCase()) ? 1 : 0);
  timeLoop(corpus, run, ms(300)); // warm-up
  timeLoop(corpus, base, ms(100));
  const best = { wall: 0, cpu: 0 };
  const baseBest = { wall: 0, cpu: 0 };
  for (let round = 0; round < 3; round++) {
    const s = timeLoop(corpus, run, ms(500));
    const b = timeLoop(corpus, base, ms(170));
    best.wall = Math.max(best.wall, s.wall);
    best.cpu = Math.max(best.cpu, s.cpu);
    baseBest.wall = Math.max(baseBest.wall, b.wall);
    baseBest.cpu = Math.max(baseBest.cpu, b.cpu);
  }
  return [
    { name: 'empathy feedback 1KB', value: Math.round(best.wall), unit: 'replies/s', ratio: Number((best.wall / baseBest.wall).toFixed(4)), baseline: `lower-case + one regex, same replies, alternating (${Math.round(baseBest.wall)}/s)` },
    { name: 'empathy feedback 1KB latency', value: Number((1e6 / best.wall).toFixed(1)), unit: 'µs/reply' },
    { name: 'empathy feedback 1KB CPU latency', value: Number((1e6 / best.cpu).toFixed(1)), unit: 'µs CPU/reply' },
    { name: 'baseline lowercase+regex 1KB replies CPU latency', value: Number((1e6 / baseBest.cpu).toFixed(2)), unit: 'µs CPU/test' },
    { name: 'empathy feedback / baseline', value: Number((best.wall / baseBest.wall).toFixed(4)), unit: 'ratio' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.table(await benchEmpathy());
}
