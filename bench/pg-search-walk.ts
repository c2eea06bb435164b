/**
 * PostgreSQL search, statement by statement, on an already seeded schema (`npx tsx bench/seed.ts
 * --size 100k --db postgres://… --schema s100k` once, then `npx tsx bench/pg-search-walk.ts --db
 * postgres://… --schema s100k --base ../main`): for each of search-probe's queries, this
 * checkout's repository search and the base checkout's, interleaved round by round, each search's
 * statements re-run under EXPLAIN (ANALYZE, BUFFERS): the sum of their execution times (median over
 * the rounds) and of their shared buffers (hit + read), which do not depend on the machine's load.
 * Also checks that both arms return the same rows in the same order (ADR 032).
 */
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { CompiledQuery } from 'kysely';
import path from 'node:path';
import { openDatabase } from '../src/server/platform/db.js';
import { communitiesRepository, type SearchOptions, type SearchRow } from '../src/server/modules/communities/communities.repository.js';
import { PROBE_QUERIES } from './search-probe.js';
import { median, option, round1 } from './harness.js';

type Search = typeof communitiesRepository.search;
interface Captured { sql: string; parameters: readonly unknown[] }
interface Explained { ms: number; buffers: number; statements: number; rows: SearchRow[] }

async function main(): Promise<void> {
  const url = option('db') ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = option('schema');
  const base = option('base');
  const rounds = Number(option('rounds') ?? 5);
  const captured: Captured[] = [];
  let capturing = false;
  const handle = openDatabase(url, { ...(schema ? { schema } : {}), onQuery: (q) => capturing && captured.push(q) });
  const db = handle.db;
  const arms: [string, Search][] = [['this', communitiesRepository.search.bind(communitiesRepository)]];
  if (base) {
    const mod = (await import(path.resolve(base, 'src/server/modules/communities/communities.repository.ts'))) as { communitiesRepository: typeof communitiesRepository };
    arms.push(['base', mod.communitiesRepository.search.bind(mod.communitiesRepository)]);
  }
  const spaces = (await db.selectFrom('threads').select(['space_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('space_id').orderBy('n', 'desc').execute()).map((s) => s.space_id);

  const measure = async (search: Search, opts: SearchOptions): Promise<Explained> => {
    captured.length = 0;
    capturing = true;
    const res = await search(db, 'postgres', opts);
    capturing = false;
    let ms = 0;
    let buffers = 0;
    for (const q of [...captured]) {
      const plan = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]));
      const top = (plan.rows[0]!['QUERY PLAN'] as { Plan: Record<string, number>; 'Execution Time': number; 'Planning Time': number }[])[0]!;
      ms += top['Execution Time'] + top['Planning Time'];
      buffers += (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0);
      if (process.env.SEARCH_WALK_VERBOSE) console.log(round1(top['Execution Time'], 2), JSON.stringify(top.Plan).match(/"(Node Type|Index Name)":"[^"]+"/g)?.join(' ').slice(0, 400));
    }
    return { ms, buffers, statements: captured.length, rows: res.rows };
  };

  console.log(`| query | hits | statements ${arms.map((a) => a[0]).join(' / ')} | statement ms (median of ${rounds}) ${arms.map((a) => a[0]).join(' / ')} | buffers ${arms.map((a) => a[0]).join(' / ')} | same rows |`);
  console.log('|---|---|---|---|---|---|');
  const only = option('only');
  for (const p of PROBE_QUERIES.filter((x) => !only || x.label.includes(only))) {
    const space = p.space === 'busiest' ? spaces[0] : p.space === 'quietest' ? spaces[spaces.length - 1] : undefined;
    const opts: SearchOptions = { terms: p.q.split(' '), match: 'all', order: 'newest', spaceIds: space ? [space] : spaces.slice(p.hidden ?? 0), kind: p.kind, hiddenWarnings: [], limit: 20 };
    const samples = new Map<string, Explained[]>(arms.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, search] of r % 2 ? [...arms].reverse() : arms) samples.get(name)!.push(await measure(search, opts));
    }
    const of = (name: string) => samples.get(name)!;
    const same = arms.every(([name]) => of(name).every((x) => isDeepStrictEqual(x.rows, of(arms[0]![0])[0]!.rows)));
    const cols = (f: (xs: Explained[]) => number) => arms.map(([name]) => f(of(name))).join(' / ');
    console.log(`| ${p.label} | ${of(arms[0]![0])[0]!.rows.length} | ${cols((xs) => xs[0]!.statements)} | ${cols((xs) => round1(median(xs.map((x) => x.ms)), 2))} | ${cols((xs) => xs[0]!.buffers)} | ${same ? 'yes' : 'NO'} |`);
  }
  await handle.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
