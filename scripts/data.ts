/**
 * Helpers shared by the tools that read the labelled sets in ../shared/data (or $KINDRED_DATA_DIR):
 * where the data is, a stable hash for fold splits, and a JSON Lines reader. Data text is only
 * read, never written anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = process.env.KINDRED_DATA_DIR ?? path.resolve(repoRoot, '../shared/data');

/** FNV-1a 32-bit: a stable, dependency-free hash for fold splits. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Every non-empty line of a JSON Lines file, parsed. */
export function readJsonl(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * The command-line filters (`npm run -s screen`, `npm run -s empathy`): JSON Lines on stdin, one
 * JSON line out per input on stdout. `answer` returns the output row, or null when the row lacks
 * what it needs (`expected` then says what, on stderr); bad lines are skipped, the stream goes on.
 */
export async function filterJsonLines(name: string, expected: string, answer: (row: Record<string, unknown>) => object | null): Promise<void> {
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
      process.stderr.write(`${name}: line ${lineNo}: not valid JSON (${(err as Error).message})\n`);
      continue;
    }
    const out = typeof row === 'object' && row !== null ? answer(row as Record<string, unknown>) : null;
    if (!out) {
      bad++;
      process.stderr.write(`${name}: line ${lineNo}: expected ${expected}\n`);
      continue;
    }
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
  if (bad > 0) process.stderr.write(`${name}: ${bad} line(s) skipped\n`);
}
