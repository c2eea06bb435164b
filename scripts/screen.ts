/**
 * Screens JSON Lines from stdin: each line {"id","text"} gives one line {"id","level","categories","methodDetail"}
 * on stdout. A bad line is reported on stderr with its line number and skipped; the stream goes on.
 *
 *   printf '{"id":"1","text":"I want to die"}\n' | npm run -s screen
 */
import readline from 'node:readline';
import { screen } from '../src/safety/index.js';

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
      process.stderr.write(`screen: line ${lineNo}: not valid JSON (${(err as Error).message})\n`);
      continue;
    }
    if (typeof row !== 'object' || row === null || typeof (row as { text?: unknown }).text !== 'string') {
      bad++;
      process.stderr.write(`screen: line ${lineNo}: expected an object with a string "text"\n`);
      continue;
    }
    const { id, text } = row as { id?: unknown; text: string };
    const s = screen(text);
    const out = { id: id ?? null, level: s.level, categories: s.categories, methodDetail: s.methodDetail };
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
  if (bad > 0) process.stderr.write(`screen: ${bad} line(s) skipped\n`);
}

await main();
