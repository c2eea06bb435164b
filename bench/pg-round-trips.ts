/**
 * PostgreSQL per request, in one process through `app.inject`: the statements (round trips) each
 * hot request sends, the Node CPU it costs and the CPU the PostgreSQL backends spend on it (read
 * from /proc for the pool's own backends: the server must run on this machine). Optionally the
 * same for a second checkout of the code, interleaved round by round (A/B on a loaded machine).
 *
 *   npx tsx bench/pg-round-trips.ts [--url postgres://…] [--schema bench_rt] [--n 400] [--rounds 5]
 *                                   [--base /path/to/other/checkout] [--only thread,latest,checkin]
 *                                   [--sql]   print each scenario's statements once
 *                                   [--profile out.cpuprofile] a V8 CPU profile of the measured rounds
 *                                              (summed up by `bench/profile-summary.ts`)
 *                                   [--sqlite] the same requests on SQLite too (its own 10k file):
 *                                              CPU per request (Node + PostgreSQL) on each engine,
 *                                              the issue's "within 2×" in a form the load of
 *                                              other jobs does not move as it moves req/s
 *
 * The schema is seeded once (10k replies) and kept for the next run; drop it to seed anew (and the
 * seed's directory with it). `reply` and `checkin` add their rows to it, so leave them out of runs
 * whose figures are to be compared with earlier ones unless both arms run them.
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { KindredApp } from '../src/server/app.js';
import { sampleReplyBodies, seedOnce, type SeedResult } from './seed.js';
import { interleave } from './ab.js';
import { buildApp, cpuSecondsOf, flag, median, option, ownCpuSeconds, root, signInInProcess } from './harness.js';

const URL_ = option('url') ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = option('schema') ?? 'bench_rt';
const N = Number(option('n') ?? 400);
const ROUNDS = Number(option('rounds') ?? 5);
const base = option('base');
const only = option('only')?.split(',');
const dir = path.join(os.tmpdir(), `kindred-${SCHEMA}`);
const sqliteDir = path.join(os.tmpdir(), 'kindred-rt-sqlite');

const seeded = (): Promise<SeedResult> => seedOnce(dir, { databaseUrl: URL_, pgSchema: SCHEMA, replies: 10_000, log: console.log });

interface Arm {
  name: string;
  seed: SeedResult;
  userIds: string[];
  app: KindredApp;
  cookie: string;
  csrf: string;
  appName: string;
  statements: number;
  log: string[] | null;
}

async function arm(name: string, checkout: string, s: SeedResult, sqliteFile?: string): Promise<Arm> {
  const appName = `kindred-rt-${name}-${process.pid}`;
  const a: Arm = { name, seed: s, userIds: [], app: undefined as unknown as KindredApp, cookie: '', csrf: '', appName, statements: 0, log: null };
  a.app = await buildApp(checkout, {
    databaseUrl: sqliteFile ? `sqlite:${sqliteFile}` : `${URL_}?application_name=${appName}`,
    keyFile: path.join(sqliteFile ? sqliteDir : dir, 'kindred.key'),
    ...(sqliteFile ? {} : { pgSchema: SCHEMA }),
    onQuery: (q) => {
      a.statements += 1;
      a.log?.push(q.sql);
    },
  });
  Object.assign(a, await signInInProcess(a.app, s.benchUser));
  a.userIds = (await a.app.kindred.database.db.selectFrom('users').select('id').orderBy('id').limit(64).execute()).map((r) => r.id);
  return a;
}

/** CPU seconds (user + system) of the backends serving one arm's pool (a backend gone counts 0). */
async function backendCpuSeconds(admin: pg.Client, appName: string): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName]);
  return rows.reduce((sum, { pid }) => sum + cpuSecondsOf(pid), 0);
}

interface Req {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
}

async function main() {
  const s = await seeded();
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  const arms = [await arm('new', root, s)];
  if (base) arms.unshift(await arm('base', path.resolve(base), s));
  if (flag('sqlite')) {
    const file = path.join(sqliteDir, 'kindred.db');
    arms.push(await arm('sqlite', root, await seedOnce(sqliteDir, { databaseUrl: `sqlite:${file}`, replies: 10_000, log: console.log }), file));
  }
  const replyBodies = sampleReplyBodies(64);
  const notes = ['A calm day, a walk by the river.', 'Slept badly, tired but okay.', 'Talked to my sister, felt better after.'];
  // Each arm's own ids (the SQLite file is seeded apart).
  const requestsFor = (a: Arm): [string, Req[]][] => (
    [
      ['thread', a.seed.readThreadIds.map((id) => ({ method: 'GET', url: `/api/threads/${id}?limit=21` }))],
      ['latest', [{ method: 'GET', url: '/api/threads?list=latest' }]],
      ['spaces', [{ method: 'GET', url: '/api/spaces' }]],
      ['profile', a.userIds.map((id) => ({ method: 'GET', url: `/api/users/${id}` }))],
      ['checkin', notes.map((note, i) => ({ method: 'POST', url: '/api/me/checkins', body: JSON.stringify({ mood: 1 + i, note }) }))],
      // A reply to a typical thread (few followers), with its dispatch's statements as they run.
      ['reply', a.seed.quietThreadIds.map((id, i) => ({ method: 'POST', url: `/api/threads/${id}/posts`, body: JSON.stringify({ body: replyBodies[i % replyBodies.length] }) }))],
      ['search', a.seed.searchQueries.map((q) => ({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` }))],
      ['health', [{ method: 'GET', url: '/api/health' }]],
    ] as [string, Req[]][]
  ).filter(([k]) => !only || only.includes(k));
  const perArm = new Map(arms.map((a) => [a, new Map(requestsFor(a))]));
  const scenarios = requestsFor(arms[0]!);
  const reqsOf = (a: Arm, key: string) => perArm.get(a)!.get(key)!;

  const send = async (a: Arm, r: Req) => {
    const headers: Record<string, string> = { cookie: a.cookie };
    if (r.method === 'POST') Object.assign(headers, { 'x-csrf-token': a.csrf, 'content-type': 'application/json' });
    const res = await a.app.inject({ method: r.method, url: r.url, headers, ...(r.body ? { payload: r.body } : {}) });
    if (res.statusCode >= 300) throw new Error(`${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res;
  };

  if (flag('sql')) {
    for (const [key] of scenarios) {
      for (const a of arms) {
        const reqs = reqsOf(a, key);
        await send(a, reqs[0]!);
        a.log = [];
        await send(a, reqs[1 % reqs.length]!);
        console.log(`\n== ${key} (${a.name}): ${a.log.length} statements`);
        for (const q of a.log) console.log(`  ${q.replace(/\s+/g, ' ').slice(0, 300)}`);
        a.log = null;
      }
    }
  }

  /** Per request, over `n` requests: statements, this process's CPU µs, the backends' CPU µs and wall µs. */
  const run = async (a: Arm, reqs: Req[], n: number) => {
    const b0 = await backendCpuSeconds(admin, a.appName);
    const s0 = a.statements;
    const t0 = ownCpuSeconds();
    const w0 = performance.now();
    for (let i = 0; i < n; i++) await send(a, reqs[i % reqs.length]!);
    const node = ((ownCpuSeconds() - t0) * 1e6) / n;
    const wall = ((performance.now() - w0) * 1000) / n;
    const b1 = await backendCpuSeconds(admin, a.appName);
    return { node, pg: ((b1 - b0) * 1e6) / n, statements: (a.statements - s0) / n, wall };
  };

  const results = await interleave({
    scenarios,
    arms,
    rounds: ROUNDS,
    warmUp: ([key], a) => run(a, reqsOf(a, key), Math.min(N, 200)),
    measure: ([key], a) => run(a, reqsOf(a, key), N),
    profile: option('profile'),
  });
  console.log(`\nload average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${N} sequential requests × ${ROUNDS} rounds; medians per request`);
  for (const scenario of scenarios) {
    const [key] = scenario;
    for (const a of arms) {
      const xs = results.of(scenario, a);
      const m = (f: (x: (typeof xs)[number]) => number) => median(xs.map(f));
      console.log(
        `${key.padEnd(8)} ${a.name.padEnd(5)} statements ${m((x) => x.statements).toFixed(2).padStart(5)}  node CPU ${String(Math.round(m((x) => x.node))).padStart(5)} µs  pg CPU ${String(Math.round(m((x) => x.pg))).padStart(5)} µs  total ${String(Math.round(m((x) => x.node + x.pg))).padStart(5)} µs  wall ${String(Math.round(m((x) => x.wall))).padStart(5)} µs`,
      );
    }
  }
  // On two saturated cores throughput goes as 1 / (all the CPU a request costs): SQLite's total over
  // PostgreSQL's is PostgreSQL's throughput as a fraction of SQLite's (the issue asks ≥ 0.5).
  const lite = arms.find((a) => a.name === 'sqlite');
  if (lite) {
    const total = (a: Arm, scenario: (typeof scenarios)[number]) => median(results.of(scenario, a).map((x) => x.node + x.pg));
    for (const scenario of scenarios) {
      const pgArms = arms.filter((a) => a !== lite);
      console.log(`${scenario[0].padEnd(8)} PostgreSQL × SQLite by CPU per request: ${pgArms.map((a) => `${a.name} ${(total(lite, scenario) / total(a, scenario)).toFixed(2)}`).join('  ')}`);
    }
  }
  for (const a of arms) await a.app.close();
  await admin.end();
}

await main();
