/**
 * Server CPU and statements per reply (`POST /api/threads/:id/posts`: screen, store, index, follow,
 * events, then the dispatch of its notifications), in one process through `app.inject`, 10 replies
 * in flight, on a seeded 10k SQLite database; optionally the same for a second checkout of the code,
 * interleaved round by round (A/B on a loaded machine), and a V8 CPU profile.
 *
 *   npx tsx bench/reply-path.ts [--db DIR] [--n 400] [--rounds 6] [--base /path/to/other/checkout]
 *                               [--profile out.cpuprofile] [--statements] [--only typical,busy]
 *                               [--http SECONDS]   (over HTTP instead: see `http`)
 *
 * Each arm works on its own copy of the seeded file (`--db DIR`, kept for the next run). CPU is
 * `process.cpuUsage()` from the first request of a round until its outbox is empty (user + system,
 * all threads: GC and the checkpointing thread included), divided by the replies. Statements are
 * counted by Kysely's log (every statement, the dispatcher's too); `--statements` lists them by SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KindredApp, BuildOptions } from '../src/server/app.js';
import { seedOnce, sampleReplyBodies, type SeedResult } from './seed.js';
import { interleave, ratioNote, type Samples } from './ab.js';
import { cpuSecondsOf, median, ownCpuSeconds, root } from './harness.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = path.resolve(option('db') ?? '/tmp/kindred-reply-path');
const N = Number(option('n') ?? 400);
const ROUNDS = Number(option('rounds') ?? 6);
const IN_FLIGHT = 10;
const base = option('base');
const profileOut = option('profile');
const listStatements = args.includes('--statements');
const only = option('only')?.split(',');

const seeded = (): Promise<SeedResult> => seedOnce(dir, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, replies: 10_000, log: console.log });

interface Arm {
  name: string;
  app: KindredApp;
  cookie: string;
  csrf: string;
  count: { n: number };
}

async function arm(name: string, checkout: string, s: SeedResult): Promise<Arm> {
  const armDir = path.join(dir, name);
  fs.rmSync(armDir, { recursive: true, force: true });
  fs.mkdirSync(armDir, { recursive: true });
  fs.copyFileSync(path.join(dir, 'kindred.db'), path.join(armDir, 'kindred.db'));
  const { build } = (await import(pathToFileURL(path.join(checkout, 'src/server/app.ts')).href)) as { build: (o: BuildOptions) => Promise<KindredApp> };
  const count = { n: 0 };
  const app = await build({
    config: {
      databaseUrl: `sqlite:${path.join(armDir, 'kindred.db')}`,
      keyFile: path.join(dir, 'kindred.key'),
      logLevel: 'warn',
      rateLimitPerMinute: 100_000_000,
      writeRateLimitPerMinute: 100_000_000,
      redisUrl: undefined,
    },
    pollMs: 0,
    onQuery: () => {
      count.n += 1;
    },
  });
  const jar = new Map<string, string>();
  const take = (res: { cookies: { name: string; value: string }[] }) => {
    for (const c of res.cookies) jar.set(c.name, `${c.name}=${c.value}`);
  };
  const pre = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
  take(pre);
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { cookie: [...jar.values()].join('; '), 'x-csrf-token': pre.json<{ token: string }>().token, 'content-type': 'application/json' },
    payload: JSON.stringify(s.benchUser),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in ${res.statusCode} ${res.body}`);
  take(res);
  const csrfRes = await app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: [...jar.values()].join('; ') } });
  take(csrfRes);
  return { name, app, cookie: [...jar.values()].join('; '), csrf: csrfRes.json<{ token: string }>().token, count };
}

/**
 * `--statements`: better-sqlite3's statements timed where they run (synchronously, so the time is
 * SQLite's and the driver's alone; Kysely's own measure is wall time across an await, which
 * counts whatever else ran meanwhile). Both arms share the one driver, so each is keyed by arm.
 */
let timingArm = '';
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
        const x = byArm.get(this.source) ?? { n: 0, ms: 0 };
        x.n += 1;
        x.ms += ms;
        byArm.set(this.source, x);
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
 */
async function http(seconds: number, s: SeedResult) {
  const { startProcess, signIn, stopProcess, freePort, waitFor } = await import('./harness.js');
  const { default: autocannon } = await import('autocannon');
  const { openDatabase } = await import('../src/server/platform/db.js');
  const bodies = sampleReplyBodies(64);
  const servers: { name: string; child: import('node:child_process').ChildProcess; url: string; auth: { cookie: string; csrf: string }; outbox: import('../src/server/platform/db.js').Db }[] = [];
  for (const [name, checkout] of [...(base ? [['base', path.resolve(base)]] : []), ['new', root]] as [string, string][]) {
    const armDir = path.join(dir, `http-${name}`);
    fs.rmSync(armDir, { recursive: true, force: true });
    fs.mkdirSync(armDir, { recursive: true });
    fs.copyFileSync(path.join(dir, 'kindred.db'), path.join(armDir, 'kindred.db'));
    const port = await freePort();
    const databaseUrl = `sqlite:${path.join(armDir, 'kindred.db')}`;
    const child = startProcess(`${name} server`, [path.join(checkout, 'src/server/main.ts')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        KINDRED_KEY_FILE: path.join(dir, 'kindred.key'),
        LOG_LEVEL: 'warn',
        KINDRED_RATE_LIMIT_PER_MINUTE: '100000000',
        KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/api/health`);
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
    if (res.non2xx > 0) console.log(`  ${srv.name} ${key}: ${res.non2xx} answers not 2xx`);
    return { cpu, rate: res.requests.average };
  };
  // The warm-up (JIT, caches) is a round of its own, as long as the others.
  const results = await interleave({ scenarios, arms: servers, rounds: ROUNDS, warmUp: drive, measure: drive });
  const [l1, l5] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ');
  report('server CPU per reply over HTTP', scenarios, servers, results, (xs) => `${Math.round(median(xs.map((x) => x.rate)))} replies/s`);
  console.log(`load average at the end: ${l1} (1 min), ${l5} (5 min)`);
  for (const srv of servers) {
    await srv.outbox.destroy();
    await stopProcess(srv.child);
  }
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
