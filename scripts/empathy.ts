/**
 * Rates replies from stdin: each JSON Lines row {"id","seeker","response"} gives one line
 * {"id","emotional_reactions","interpretations","explorations"} (0 none, 1 weak, 2 strong) on stdout.
 * A bad line is reported on stderr with its line number and skipped; the stream goes on.
 *
 *   printf '{"id":"1","seeker":"I feel so alone","response":"That sounds so lonely. What happened?"}\n' | npm run -s empathy
 */
import readline from 'node:readline';
import { rateEmpathy } from '../src/safety/index.js';

async function main(): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      bad++;
      process.stderr.write(`empathy: line ${lineNo}: not valid JSON (${(err as Error).message})\n`);
      continue;
    }
    const r = row as { id?: unknown; seeker?: unknown; response?: unknown } | null;
    if (typeof r !== 'object' || r === null || typeof r.response !== 'string' || (r.seeker !== undefined && typeof r.seeker !== 'string')) {
      bad++;
      process.stderr.write(`empathy: line ${lineNo}: expected an object with a string "response" (and a string "seeker")\n`);
      continue;
    }
    const f = rateEmpathy(typeof r.seeker === 'string' ? r.seeker : '', r.response);
    const out = { id: r.id ?? null, emotional_reactions: f.emotionalReactions, interpretations: f.interpretations, explorations: f.explorations };
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
  if (bad > 0) process.stderr.write(`empathy: ${bad} line(s) skipped\n`);
}

await main();
