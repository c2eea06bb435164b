/** Prints bench/results.json as a Markdown table (for the README's Figures section): `npx tsx bench/table.ts`. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Figure } from './figure.js';
const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { machine: string; loadAverage: { before: number[]; after: number[] }; options: Record<string, unknown>; figures: Figure[] };
console.log(`${r.machine}; load average before ${r.loadAverage.before.join(' ')}, after ${r.loadAverage.after.join(' ')}; ${JSON.stringify(r.options)}\n`);
console.log('| figure | value | × same-size ceiling | × hello-world | data |');
console.log('|---|---:|---:|---:|---|');
for (const f of r.figures) {
  if (f.figure.startsWith('baseline ') || f.figure.includes(' latency') && f.unit.startsWith('µs')) continue;
  const ratio = f.ratio !== undefined && f.baseline ? String(f.ratio) : '';
  console.log(`| ${f.figure} | ${f.value.toLocaleString('en')} ${f.unit} | ${ratio} | ${f.ratioToHello ?? ''} | ${f.dataSize ? `${f.dataSize}, ${f.database}` : ''} |`);
}
