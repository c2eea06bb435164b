/**
 * Server CPU per read of the unanswered list (its first page, as the shared list reads it for the
 * cache) and of the home's unanswered count (ADR 045), straight through the repository (the list's
 * cache would otherwise answer most requests), on a seeded 10k SQLite database; optionally the same
 * for a second checkout, interleaved round by round (A/B on a loaded machine). Each arm opens its own
 * copy of the seeded file, migrated by its own code (migration 0045 made the indexes partial).
 *
 *   npx tsx bench/unanswered-reads.ts [--db DIR] [--n 2000] [--rounds 8] [--base /path/to/other/checkout]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KindredApp } from '../src/server/app.js';
import type { communitiesRepository } from '../src/server/modules/communities/communities.repository.js';
import { seedOnce } from './seed.js';
import { interleave, ratioNote } from './ab.js';
import { buildApp, median, option, ownCpuSeconds, root } from './harness.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-unanswered-reads');
const N = Number(option('n') ?? 2000);
const ROUNDS = Number(option('rounds') ?? 8);
const base = option('base');

interface Arm {
  name: string;
  app: KindredApp;
  repo: typeof communitiesRepository;
}

async function arm(name: string, checkout: string): Promise<Arm> {
  const armDir = path.join(dir, `unanswered-${name}`);
  fs.rmSync(armDir, { recursive: true, force: true });
  fs.mkdirSync(armDir, { recursive: true });
  fs.copyFileSync(path.join(dir, 'kindred.db'), path.join(armDir, 'kindred.db'));
  const app = await buildApp(checkout, { databaseUrl: `sqlite:${path.join(armDir, 'kindred.db')}`, keyFile: path.join(dir, 'kindred.key') });
  const mod = (await import(pathToFileURL(path.join(checkout, 'src/server/modules/communities/communities.repository.ts')).href)) as { communitiesRepository: typeof communitiesRepository };
  return { name, app, repo: mod.communitiesRepository };
}

async function main() {
  const s = await seedOnce(dir, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, replies: 10_000, log: console.log });
  const arms = [await arm('new', root)];
  if (base) arms.unshift(await arm('base', path.resolve(base)));
  const db0 = arms[0]!.app.kindred.database.db;
  const spaceIds = (await db0.selectFrom('spaces').select('id').execute()).map((r) => r.id);
  const viewerId = (await db0.selectFrom('users').select('id').where('handle', '=', s.benchUser.handle).executeTakeFirstOrThrow()).id;
  const threads = await db0.selectFrom('threads').select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.sum<number>(eb.case().when('kind', '=', 'question').then(1).else(0).end()).as('questions')]).executeTakeFirstOrThrow();
  const waiting = await db0.selectFrom('threads').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'question').where('reply_count', '=', 0).executeTakeFirstOrThrow();
  console.log(`${threads.all} threads, ${threads.questions} questions, ${waiting.n} unanswered; ${spaceIds.length} spaces`);

  type Scenario = [string, (a: Arm) => Promise<unknown>];
  const scenarios: Scenario[] = [
    ['list', (a) => a.repo.listThreads(a.app.kindred.database.db, { list: 'unanswered', spaceIds, viewerId: '', hiddenWarnings: [], since: null, after: null, limit: 20 })],
    ['count', (a) => a.repo.unansweredCount(a.app.kindred.database.db, { spaceIds, viewerId, hiddenWarnings: [], cap: 100 })],
  ];
  // Same answers from both arms.
  for (const [key, read] of scenarios) {
    const answers = await Promise.all(arms.map(async (a) => JSON.stringify(await read(a))));
    if (answers.some((x) => x !== answers[0])) console.log(`!! ${key} differs between arms`);
  }
  const run = async ([, read]: Scenario, a: Arm, n: number) => {
    const t0 = ownCpuSeconds();
    for (let i = 0; i < n; i++) await read(a);
    return ((ownCpuSeconds() - t0) * 1e6) / n;
  };
  const results = await interleave({ scenarios, arms, rounds: ROUNDS, warmUp: (sc, a) => run(sc, a, Math.min(N, 300)), measure: (sc, a) => run(sc, a, N) });
  for (const scenario of scenarios) {
    const line = arms.map((a) => {
      const xs = results.of(scenario, a);
      return `${a.name} median ${median(xs).toFixed(1)} µs (min ${Math.min(...xs).toFixed(1)})`;
    });
    const ratio = arms.length === 2 ? ratioNote('new/base', results.ratios(scenario, arms[1]!, arms[0]!, (x) => x)) : '';
    console.log(`${scenario[0].padEnd(6)} CPU per read: ${line.join(' | ')}${ratio}`);
  }
  for (const a of arms) await a.app.close();
}

await main();
