/**
 * PostgreSQL search, statement by statement, on an already seeded schema (`npx tsx bench/seed.ts
 * --size 100k --db postgres://… --schema s100k` once, then `npx tsx bench/pg-search-walk.ts --db
 * postgres://… --schema s100k --base ../main`): for each of search-probe's queries, this
 * checkout's repository search and the base checkout's, interleaved round by round, each search's
 * statements re-run under EXPLAIN (ANALYZE, BUFFERS): the sum of their execution times (median over
 * the rounds) and of their shared buffers (hit + read), which do not depend on the machine's load.
 * Also checks that both arms return the same rows in the same order (ADR 032).
 * Last, "busy thread": in a transaction rolled back after, one thread's 120 newest replies (the
 * newest posts of all) say "lithium levels", which no other post says; searched at 20 and 50 hits
 * (ADR 051's amendment: a walk of 25 × 16 per hit read 8,000 posts before the GIN read anyway).
 */
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { CompiledQuery, sql } from 'kysely';
import path from 'node:path';
import { openDatabase, type Executor } from '../src/server/platform/db.js';
import { communitiesRepository, type SearchOptions, type SearchRow } from '../src/server/modules/communities/communities.repository.js';
import { PROBE_QUERIES } from './search-probe.js';
import { median, option, round1 } from './harness.js';

type Search = typeof communitiesRepository.search;
interface Captured { sql: string; parameters: readonly unknown[] }
interface Explained { ms: number; buffers: number; statements: number; rows: SearchRow[] }

/** Thrown to roll back the busy thread's rows. */
class RolledBack extends Error {}

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

  const measure = async (search: Search, opts: SearchOptions, on: Executor = db): Promise<Explained> => {
    captured.length = 0;
    capturing = true;
    const res = await search(on, 'postgres', opts);
    capturing = false;
    let ms = 0;
    let buffers = 0;
    for (const q of [...captured]) {
      const plan = await on.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]));
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
  const report = async (label: string, opts: SearchOptions, on: Executor = db) => {
    const samples = new Map<string, Explained[]>(arms.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, search] of r % 2 ? [...arms].reverse() : arms) samples.get(name)!.push(await measure(search, opts, on));
    }
    const of = (name: string) => samples.get(name)!;
    const same = arms.every(([name]) => of(name).every((x) => isDeepStrictEqual(x.rows, of(arms[0]![0])[0]!.rows)));
    const cols = (f: (xs: Explained[]) => number) => arms.map(([name]) => f(of(name))).join(' / ');
    console.log(`| ${label} | ${of(arms[0]![0])[0]!.rows.length} | ${cols((xs) => xs[0]!.statements)} | ${cols((xs) => round1(median(xs.map((x) => x.ms)), 2))} | ${cols((xs) => xs[0]!.buffers)} | ${same ? 'yes' : 'NO'} |`);
  };
  for (const p of PROBE_QUERIES.filter((x) => !only || x.label.includes(only))) {
    const space = p.space === 'busiest' ? spaces[0] : p.space === 'quietest' ? spaces[spaces.length - 1] : undefined;
    await report(p.label, { terms: p.q.split(' '), match: 'all', order: 'newest', spaceIds: space ? [space] : spaces.slice(p.hidden ?? 0), kind: p.kind, hiddenWarnings: [], limit: 20 });
  }
  if (!only || 'busy thread'.includes(only)) {
    await db.transaction().execute(async (trx) => {
      const template = (await sql<{ id: string }>`select id from posts where is_opening = 0 and state = 'visible' order by id desc limit 1`.execute(trx)).rows[0]!.id;
      const cols = (await sql<{ c: string }>`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = 'posts' and is_generated = 'NEVER' and column_name <> 'id' order by ordinal_position`.execute(trx)).rows.map((r) => r.c);
      const values = cols.map((c) => (c === 'body_text' ? `'we talked about lithium levels again today'` : c === 'search_key' ? `(select max(search_key) from posts) + g` : `"${c}"`));
      await sql.raw(`insert into posts (id, ${cols.map((c) => `"${c}"`).join(', ')}) select 'fff' || lpad(g::text, 29, '0'), ${values.join(', ')} from posts, generate_series(1, 120) g where id = '${template}'`).execute(trx);
      await sql`analyze posts`.execute(trx);
      for (const limit of [20, 50]) await report(`busy thread: lithium levels, ${limit} hits`, { terms: ['lithium', 'levels'], match: 'all', order: 'newest', spaceIds: spaces, hiddenWarnings: [], limit }, trx);
      throw new RolledBack();
    }).catch((e: unknown) => { if (!(e instanceof RolledBack)) throw e; });
  }
  await handle.close();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
