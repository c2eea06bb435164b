/**
 * Server CPU and statements per reply (`POST /api/threads/:id/posts`: screen, store, index, follow,
 * events, then the dispatch of its notifications), in one process through `app.inject`, 10 replies
 * in flight, on a seeded 10k SQLite database; optionally the same for a second checkout of the code,
 * interleaved round by round (A/B on a loaded machine), and a V8 CPU profile.
 *
 *   npx tsx bench/reply-path.ts [--db DIR] [--n 400] [--rounds 6] [--base /path/to/other/checkout]
 *                               [--profile out.cpuprofile] [--statements] [--only typical,busy] [--in-flight 10]
 *                               [--http SECONDS [--server-profile DIR]]   (over HTTP instead: see `http`)
 *
 * Each arm works on its own copy of the seeded file (`--db DIR`, kept for the next run). CPU is
 * `process.cpuUsage()` from the first request of a round until its dispatcher is idle and its outbox empty (user + system,
 * all threads: GC and the checkpointing thread included), divided by the replies. Statements are
 * counted by Kysely's log (every statement, the dispatcher's too); `--statements` lists them by SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KindredApp } from '../src/server/app.js';
import { seedOnce, sampleReplyBodies, type SeedResult } from './seed.js';
import { interleave, ratioNote, type Samples } from './ab.js';
import { buildApp, cpuSecondsOf, flag, median, option, ownCpuSeconds, root, signInInProcess } from './harness.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-reply-path');
const N = Number(option('n') ?? 400);
const ROUNDS = Number(option('rounds') ?? 6);
/** Replies in flight (`--in-flight 1`: one at a time, the dispatcher running dry after each, as under a trickle). */
const IN_FLIGHT = Number(option('in-flight') ?? 10);
const base = option('base');
const profileOut = option('profile');
const listStatements = flag('statements');
const only = option('only')?.split(',');

const seeded = (): Promise<SeedResult> => seedOnce(dir, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, replies: 10_000, log: console.log });

interface Arm {
  name: string;
  app: KindredApp;
  cookie: string;
  csrf: string;
  count: { n: number };
}

/** A fresh copy of the seeded file in `dir/<name>` (replies change it); its database URL. */
function copyOfSeeded(name: string): string {
  const armDir = path.join(dir, name);
  fs.rmSync(armDir, { recursive: true, force: true });
  fs.mkdirSync(armDir, { recursive: true });
  fs.copyFileSync(path.join(dir, 'kindred.db'), path.join(armDir, 'kindred.db'));
  return `sqlite:${path.join(armDir, 'kindred.db')}`;
}

async function arm(name: string, checkout: string, s: SeedResult): Promise<Arm> {
  const count = { n: 0 };
  const app = await buildApp(checkout, {
    databaseUrl: copyOfSeeded(name),
    keyFile: path.join(dir, 'kindred.key'),
    onQuery: () => {
      count.n += 1;
    },
  });
  return { name, app, ...(await signInInProcess(app, s.benchUser)), count };
}

/**
 * `--statements`: better-sqlite3's statements timed where they run (synchronously, so the time is
 * SQLite's and the driver's alone; Kysely's own measure is wall time across an await, which
 * counts whatever else ran meanwhile). Both arms share the one driver, so each is keyed by arm.
 */
let timingArm = '';
let wroteReplies = false;
const timings = new Map<string, Map<string, { n: number; ms: number }>>();
async function timeStatements(): Promise<void> {
  const { default: SQLite } = await import('better-sqlite3');
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  for (const method of ['run', 'all', 'get']) {
    const original = proto[method]!;
    proto[method] = function (this: { source: string }, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const ms = performance.now() - t0;
        let byArm = timings.get(timingArm);
        if (!byArm) timings.set(timingArm, (byArm = new Map()));
        // A commit is told apart by what its transaction did: a group of replies or a dispatch.
        if (this.source === 'begin') wroteReplies = false;
        else if (this.source.startsWith('insert into "posts"')) wroteReplies = true;
        const key = this.source === 'commit' ? (wroteReplies ? 'commit (a group of replies)' : 'commit (a dispatch, or any other)') : this.source;
        const x = byArm.get(key) ?? { n: 0, ms: 0 };
        x.n += 1;
        x.ms += ms;
        byArm.set(key, x);
      }
    };
  }
}

async function outboxEmpty(a: Arm): Promise<void> {
  const db = a.app.kindred.database.db;
  for (;;) {
    const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dead_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(row.n) === 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One line per scenario: each arm's median (and min) CPU µs per reply and `extra`, then new/base per round. */
function report<S extends [string, ...unknown[]], A extends { name: string }, T extends { cpu: number }>(what: string, scenarios: S[], arms: A[], results: Samples<S, A, T>, extra: (xs: T[]) => string) {
  for (const scenario of scenarios) {
    const line = arms.map((a) => {
      const xs = results.of(scenario, a);
      return `${a.name} median ${Math.round(median(xs.map((x) => x.cpu)))} µs (min ${Math.round(Math.min(...xs.map((x) => x.cpu)))}), ${extra(xs)}`;
    });
    const ratio = arms.length === 2 ? ratioNote('new/base', results.ratios(scenario, arms[1]!, arms[0]!, (x) => x.cpu)) : '';
    console.log(`${scenario[0].padEnd(8)} ${what}: ${line.join(' | ')}${ratio}`);
  }
}

/**
 * `--http SECONDS`: both checkouts' production servers (`src/server/main.ts`, NODE_ENV=production)
 * up at once, each on its own copy of the seeded file, each scenario driven by autocannon (10
 * connections) on one then the other, round by round; server CPU per reply from /proc (clock
 * ticks of 10 ms: use rounds of a few seconds), the outbox drained before a round ends.
 * `--server-profile DIR`: each server writes a V8 CPU profile of its main thread to DIR/<arm> when it
 * stops (the start and the warm-up included: `profile-summary.ts --after-first routeHandler --owners`).
 */
async function http(seconds: number, s: SeedResult) {
  const { startKindredServer, signIn, stopProcess } = await import('./harness.js');
  const { default: autocannon } = await import('autocannon');
  const { openDatabase } = await import('../src/server/platform/db.js');
  const bodies = sampleReplyBodies(64);
  const servers: { name: string; child: import('node:child_process').ChildProcess; url: string; auth: { cookie: string; csrf: string }; outbox: import('../src/server/platform/db.js').Db }[] = [];
  for (const [name, checkout] of [...(base ? [['base', path.resolve(base)]] : []), ['new', root]] as [string, string][]) {
    const databaseUrl = copyOfSeeded(`http-${name}`);
    const serverProfile = option('server-profile');
    const nodeFlags = serverProfile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(serverProfile, name)}`] : [];
    const { child, base: url } = await startKindredServer({ name: `${name} server`, checkout, databaseUrl, keyFile: path.join(dir, 'kindred.key'), nodeFlags });
    const auth = await signIn(url, s.benchUser);
    servers.push({ name, child, url, auth, outbox: openDatabase(databaseUrl).db });
  }
  const drained = async (db: import('../src/server/platform/db.js').Db) => {
    for (;;) {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dead_at', 'is', null).executeTakeFirstOrThrow();
      if (Number(row.n) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const scenarios: [string, string[]][] = (
    [
      ['typical', s.quietThreadIds],
      ['busy', s.replyThreadIds],
    ] as [string, string[]][]
  ).filter(([k]) => !only || only.includes(k));
  const drive = async ([key, threads]: [string, string[]], srv: (typeof servers)[number]) => {
    const requests = threads.map((id, i) => ({
      method: 'POST' as const,
      path: `/api/threads/${id}/posts`,
      headers: { cookie: srv.auth.cookie, 'x-csrf-token': srv.auth.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ body: bodies[i % bodies.length] }),
    }));
    await drained(srv.outbox);
    const c0 = cpuSecondsOf(srv.child.pid);
    const res = await autocannon({ url: srv.url, connections: IN_FLIGHT, duration: seconds, requests });
    await drained(srv.outbox);
    const cpu = ((cpuSecondsOf(srv.child.pid) - c0) * 1e6) / Math.max(1, res.requests.total);
    replies.set(srv.name, (replies.get(srv.name) ?? 0) + res.requests.total);
    if (res.non2xx > 0) console.log(`  ${srv.name} ${key}: ${res.non2xx} answers not 2xx`);
    return { cpu, rate: res.requests.average };
  };
  /** Replies each server answered in all (warm-up included): `--per` for its profile's summary. */
  const replies = new Map<string, number>();
  // The warm-up (JIT, caches) is a round of its own, as long as the others.
  const results = await interleave({ scenarios, arms: servers, rounds: ROUNDS, warmUp: drive, measure: drive });
  const [l1, l5] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ');
  report('server CPU per reply over HTTP', scenarios, servers, results, (xs) => `${Math.round(median(xs.map((x) => x.rate)))} replies/s`);
  console.log(`load average at the end: ${l1} (1 min), ${l5} (5 min)`);
  for (const srv of servers) {
    await srv.outbox.destroy();
    await stopProcess(srv.child);
  }
  const serverProfile = option('server-profile');
  if (serverProfile) for (const srv of servers) console.log(`${srv.name}: profile in ${path.resolve(serverProfile, srv.name)}, ${replies.get(srv.name)} replies in all, warm-up included (shares × the µs a reply above give a step's µs)`);
}

async function main() {
  const s = await seeded();
  if (option('http')) return http(Number(option('http')), s);
  if (listStatements) await timeStatements();
  const arms = [await arm('new', root, s)];
  if (base) arms.unshift(await arm('base', path.resolve(base), s));
  const bodies = sampleReplyBodies(64);
  const scenarios: [string, string[]][] = (
    [
      ['typical', s.quietThreadIds],
      ['busy', s.replyThreadIds],
    ] as [string, string[]][]
  ).filter(([k]) => !only || only.includes(k));

  let sent = 0;
  const run = async (a: Arm, threads: string[], n: number) => {
    await outboxEmpty(a);
    timingArm = a.name;
    const q0 = a.count.n;
    const t0 = ownCpuSeconds();
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        const k = sent++;
        const res = await a.app.inject({
          method: 'POST',
          url: `/api/threads/${threads[k % threads.length]}/posts`,
          headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
          payload: JSON.stringify({ body: `${bodies[k % bodies.length]} (${a.name} ${i})` }),
        });
        if (res.statusCode !== 201) throw new Error(`reply → ${res.statusCode} ${res.body}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    // Dispatched and settled: `idle()` deletes what was published (since ADR 059 the dispatcher leaves
    // it to its next dispatch, or a drain after a second, which polling alone would wait out).
    await a.app.kindred.dispatcher.idle();
    await outboxEmpty(a);
    return { cpu: ((ownCpuSeconds() - t0) * 1e6) / n, statements: (a.count.n - q0) / n };
  };

  const results = await interleave({
    scenarios,
    arms,
    rounds: ROUNDS,
    warmUp: ([, threads], a) => run(a, threads, Math.min(N, 200)),
    beforeRounds: () => timings.clear(),
    measure: ([, threads], a) => run(a, threads, N),
    profile: profileOut,
  });
  report('CPU per reply', scenarios, arms, results, (xs) => `${median(xs.map((x) => x.statements)).toFixed(1)} statements`);
  if (listStatements) {
    const replies = ROUNDS * N * scenarios.length;
    for (const a of arms) {
      console.log(`\n${a.name}: statements per reply (all scenarios)`);
      console.log('  per reply   µs/reply  µs each  statement (µs: SQLite running it, timed in the driver)');
      for (const [sqlText, { n, ms }] of [...(timings.get(a.name) ?? new Map<string, { n: number; ms: number }>())].sort((x, y) => y[1].ms - x[1].ms).slice(0, 40)) {
        console.log(`${(n / replies).toFixed(2).padStart(6)} ${((ms * 1000) / replies).toFixed(0).padStart(8)} ${((ms * 1000) / n).toFixed(0).padStart(8)}  ${sqlText.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
  }
  for (const a of arms) await a.app.close();
}

await main();
