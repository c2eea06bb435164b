/**
 * Search, query by query, on an already seeded database (`npx tsx bench/seed.ts --size 1m --db
 * sqlite:/tmp/k.db` once, then `npx tsx bench/search-probe.ts --db sqlite:/tmp/k.db`): for a
 * spread of queries (common and rare words, several words, with and without a space or kind
 * filter, and as a member who cannot see the busiest spaces), the repository's search alone (the
 * SQL and its glue: "sql") and the whole request (`app.inject`: "total"), each as the median and
 * minimum wall time and the CPU time of the process per query (steadier than wall time on a shared
 * machine). Figures only; `npm run bench` has the search scenario under load.
 */
import { fileURLToPath } from 'node:url';
import { build } from '../src/server/app.js';
import { communitiesRepository, type SearchOptions } from '../src/server/modules/communities/communities.repository.js';
import { seedSignedInMembers } from './seed.js';
import { option, ownCpuSeconds } from './harness.js';

export interface ProbeQuery {
  label: string;
  q: string;
  /** A space by its rank in threads (0 = busiest), and the kind. */
  space?: 'busiest' | 'quietest';
  kind?: string;
  /** Search as a member who cannot see the `hidden` busiest spaces (program-only spaces). */
  hidden?: number;
}

export const PROBE_QUERIES: ProbeQuery[] = [
  { label: 'common: sleep', q: 'sleep' },
  { label: 'common: helped', q: 'helped' },
  { label: 'common: thank', q: 'thank' },
  { label: 'mid: panic', q: 'panic' },
  { label: 'mid: therapist', q: 'therapist' },
  { label: 'rare: lonely', q: 'lonely' },
  { label: 'rare: burnout', q: 'burnout' },
  { label: 'rare: grandmother', q: 'grandmother' },
  { label: 'absent: gardening', q: 'gardening' },
  { label: 'two: breathing exercise', q: 'breathing exercise' },
  { label: 'two: boundaries manager', q: 'boundaries manager' },
  { label: 'three: medication side effects', q: 'medication side effects' },
  { label: 'phrase: one small step at a time', q: 'one small step at a time' },
  { label: 'common + busiest space', q: 'sleep', space: 'busiest' },
  { label: 'common + quietest space', q: 'sleep', space: 'quietest' },
  { label: 'common + quietest + what_helped', q: 'sleep', space: 'quietest', kind: 'what_helped' },
  { label: 'mid + quietest space', q: 'panic', space: 'quietest' },
  { label: 'rare + busiest space', q: 'lonely', space: 'busiest' },
  { label: 'rare + quietest space', q: 'lonely', space: 'quietest' },
  { label: 'rare + quietest + story', q: 'burnout', space: 'quietest', kind: 'story' },
  { label: 'rare + kind what_helped', q: 'grandmother', kind: 'what_helped' },
  { label: 'absent + quietest space', q: 'gardening', space: 'quietest' },
  { label: 'two + quietest space', q: 'breathing exercise', space: 'quietest' },
  { label: 'common, 2 busiest spaces hidden', q: 'sleep', hidden: 2 },
  { label: 'rare, 2 busiest spaces hidden', q: 'lonely', hidden: 2 },
  { label: 'rare, all but quietest hidden', q: 'burnout', hidden: 9 },
];

export interface ProbeRow {
  label: string;
  results: number;
  truncated: boolean;
  sqlMedian: number;
  sqlMin: number;
  sqlCpu: number;
  totalMedian: number;
  totalCpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

export async function probeSearch(databaseUrl: string, o: { runs?: number; queries?: ProbeQuery[] } = {}): Promise<ProbeRow[]> {
  const runs = o.runs ?? 15;
  const { tokens, userIds } = await seedSignedInMembers({ databaseUrl, n: 1 });
  const app = await build({ pollMs: 0, config: { databaseUrl, redisUrl: undefined, logLevel: 'silent', secret: 'probe-secret-probe-secret-probe-secret-0123', rateLimitPerMinute: 100_000_000 } });
  try {
    const db = app.kindred.database.db;
    const dialect = app.kindred.database.dialect;
    const spaces = (await db.selectFrom('threads').select(['space_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('space_id').orderBy('n', 'desc').execute()).map((s) => s.space_id);
    const headers = { cookie: `kindred_session=${tokens[0]}` };
    const out: ProbeRow[] = [];
    for (const p of o.queries ?? PROBE_QUERIES) {
      const space = p.space === 'busiest' ? spaces[0] : p.space === 'quietest' ? spaces[spaces.length - 1] : undefined;
      const visible = spaces.slice(p.hidden ?? 0);
      const opts: SearchOptions = {
        terms: p.q.split(' '), match: 'all', order: 'newest', spaceIds: space ? [space] : visible, kind: p.kind, hiddenWarnings: [], limit: 20,
      };
      const url = `/api/search?q=${encodeURIComponent(p.q)}${space ? `&space=${space}` : ''}${p.kind ? `&kind=${p.kind}` : ''}`;
      let res = await communitiesRepository.search(db, dialect, opts);
      const sql: number[] = [];
      let cpu = ownCpuSeconds();
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        res = await communitiesRepository.search(db, dialect, opts);
        sql.push(performance.now() - t0);
      }
      const sqlCpu = ((ownCpuSeconds() - cpu) * 1000) / runs;
      const total: number[] = [];
      let totalCpu = 0;
      if (!p.hidden) {
        const first = await app.inject({ method: 'GET', url, headers });
        if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
        cpu = ownCpuSeconds();
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await app.inject({ method: 'GET', url, headers });
          total.push(performance.now() - t0);
        }
        totalCpu = ((ownCpuSeconds() - cpu) * 1000) / runs;
      }
      const row = { label: p.label, results: res.rows.length, truncated: res.truncated, sqlMedian: r2(median(sql)), sqlMin: r2(Math.min(...sql)), sqlCpu: r2(sqlCpu), totalMedian: total.length ? r2(median(total)) : NaN, totalCpu: r2(totalCpu) };
      out.push(row);
      console.log(JSON.stringify(row));
    }
    void userIds;
    return out;
  } finally {
    await app.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await probeSearch(option('db') ?? 'sqlite:./data/bench.db', { runs: Number(option('runs') ?? 15) });
  console.log('\n| query | results | sql median / min ms | sql CPU ms | total median ms | total CPU ms |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${r.results}${r.truncated ? ' (truncated)' : ''} | ${r.sqlMedian} / ${r.sqlMin} | ${r.sqlCpu} | ${Number.isNaN(r.totalMedian) ? '–' : r.totalMedian} | ${Number.isNaN(r.totalMedian) ? '–' : r.totalCpu} |`);
}
