/**
 * The costliest of `npm run bench`'s searches, URL by URL: each URL's server CPU per request in
 * one process (`app.inject`, like bench/read-paths.ts), optionally against a second checkout,
 * both arms on the same seeded 10k file (or `--db` of another seed), interleaved URL by URL and
 * round by round. Over HTTP at 10 connections every request in flight shares the one event loop,
 * so a request's latency is about ten times its own cost: the p99 of "search in one space and
 * kind" follows its dearest URLs, which this lists, and the mean, which sets throughput (ADR 039).
 *
 *   npx tsx bench/search-tail.ts [--db DIR] [--base /path/to/other/checkout] [--r 5] [--rounds 3]
 *                                [--scenario searchNarrow|search] [--top 15]
 */
import path from 'node:path';
import type { KindredApp } from '../src/server/app.js';
import { buildApp, median, option, ownCpuSeconds, root, signInInProcess } from './harness.js';
import { seedOnce } from './seed.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-read-paths');
const R = Number(option('r') ?? 5);
const ROUNDS = Number(option('rounds') ?? 3);
const base = option('base');
const scenario = option('scenario') ?? 'searchNarrow';
const TOP = Number(option('top') ?? 15);

const s = await seedOnce(dir, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, replies: 10_000, log: console.log });
interface Arm { name: string; app: KindredApp; cookie: string }
const arm = async (name: string, checkout: string): Promise<Arm> => {
  const app = await buildApp(checkout, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, keyFile: path.join(dir, 'kindred.key') });
  return { name, app, cookie: (await signInInProcess(app, s.benchUser)).cookie };
};
const arms = [await arm('new', root)];
if (base) arms.unshift(await arm('base', path.resolve(base)));

// The URLs of bench/run.ts's scenario: every space the member sees against every query, a kind each in turn.
const get = async (a: Arm, url: string) => {
  const res = await a.app.inject({ method: 'GET', url, headers: { cookie: a.cookie } });
  if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
  return res.body;
};
const spaces = (JSON.parse(await get(arms[0]!, '/api/spaces')) as { spaces: { id: string; name: string }[] }).spaces;
const kinds = ['story', 'question', 'what_helped'];
const urls =
  scenario === 'search'
    ? s.searchQueries.map((q) => ({ label: q, url: `/api/search?q=${encodeURIComponent(q)}` }))
    : spaces.flatMap((space, i) => s.searchQueries.map((q, j) => ({ label: `${space.name} / ${kinds[(i + j) % kinds.length]} / ${q}`, url: `/api/search?q=${encodeURIComponent(q)}&space=${space.id}&kind=${kinds[(i + j) % kinds.length]}` })));

let differ = 0;
for (const u of urls) {
  const bodies = await Promise.all(arms.map((a) => get(a, u.url)));
  if (bodies.some((b) => b !== bodies[0])) {
    differ += 1;
    console.log(`!! ${u.url} differs between arms`);
  }
}

/** µs of CPU per request of each URL on each arm, round by round. */
const cost = new Map<string, number[][]>(arms.map((a) => [a.name, urls.map(() => [])]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [i, u] of urls.entries()) {
    for (const a of (r + i) % 2 ? [...arms].reverse() : arms) {
      await get(a, u.url);
      const t0 = ownCpuSeconds();
      for (let k = 0; k < R; k++) await get(a, u.url);
      cost.get(a.name)![i]!.push(((ownCpuSeconds() - t0) * 1e6) / R);
    }
  }
}
const perUrl = new Map(arms.map((a) => [a.name, cost.get(a.name)!.map((xs) => median(xs))]));
const quantile = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
for (const a of arms) {
  const xs = perUrl.get(a.name)!;
  const mean = xs.reduce((x, y) => x + y, 0) / xs.length;
  console.log(`${a.name.padEnd(4)} ${urls.length} URLs, CPU per request: mean ${Math.round(mean)} µs, median ${Math.round(quantile(xs, 0.5))}, p90 ${Math.round(quantile(xs, 0.9))}, p99 ${Math.round(quantile(xs, 0.99))}, max ${Math.round(Math.max(...xs))}`);
}
const order = urls.map((_, i) => i).sort((x, y) => perUrl.get(arms[0]!.name)![y]! - perUrl.get(arms[0]!.name)![x]!);
console.log(`dearest on ${arms[0]!.name}${arms.length > 1 ? ' (then new, new/base)' : ''}:`);
for (const i of order.slice(0, TOP)) {
  const [b, n] = arms.map((a) => perUrl.get(a.name)![i]!);
  console.log(`  ${String(Math.round(b!)).padStart(6)} µs${n === undefined ? '' : ` ${String(Math.round(n)).padStart(6)} µs  ×${(n / b!).toFixed(2)}`}  ${urls[i]!.label}`);
}
if (arms.length > 1) {
  const byNew = urls.map((_, i) => i).sort((x, y) => perUrl.get('new')![y]! - perUrl.get('new')![x]!);
  console.log('dearest on new (base, new, new/base):');
  for (const i of byNew.slice(0, Math.ceil(TOP / 3))) {
    const [b, n] = arms.map((a) => perUrl.get(a.name)![i]!);
    console.log(`  ${String(Math.round(b!)).padStart(6)} µs ${String(Math.round(n!)).padStart(6)} µs  ×${(n! / b!).toFixed(2)}  ${urls[i]!.label}`);
  }
}
if (differ) console.log(`${differ} URLs gave different bytes`);
for (const a of arms) await a.app.close();
