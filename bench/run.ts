/**
 * `npm run bench`: measures, prints a table and writes bench/results.json. Figures only — no
 * pass/fail thresholds; each figure also stands as a ratio to a baseline measured in the same run,
 * which holds on a noisy machine. Scenarios so far: the safety screen and the password hash
 * (sign-in is limited by it). The server-level scenarios arrive with the performance issue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPasswordHasher } from '../src/server/modules/accounts/passwords.js';
import { benchSafety } from './safety.bench.js';

interface Figure {
  figure: string;
  value: number;
  unit: string;
  ratio?: number;
  baseline?: string;
}

async function benchPasswordHash(): Promise<Figure[]> {
  const hasher = createPasswordHasher('production');
  const hashed = await hasher.hash('correct horse battery staple');
  const n = 20;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await hasher.verify(hashed, 'correct horse battery staple');
  const ms = (performance.now() - t0) / n;
  return [{ figure: 'sign-in password verify (Argon2id 19 MiB, t=2)', value: Math.round(ms * 10) / 10, unit: 'ms each' }];
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  for (const f of await benchSafety()) figures.push({ figure: f.name, value: f.value, unit: f.unit });
  figures.push(...(await benchPasswordHash()));

  const width = Math.max(...figures.map((f) => f.figure.length));
  console.log(`\nKindred benchmarks — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}\n`);
  for (const f of figures) console.log(`${f.figure.padEnd(width)}  ${String(f.value).padStart(12)} ${f.unit}`);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

void main();
