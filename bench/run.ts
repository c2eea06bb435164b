/**
 * `npm run bench`: measures, prints a table and writes bench/results.json. Figures only — no
 * pass/fail thresholds; every server figure also stands as a ratio to ceilings measured in the
 * same run, alternating with it, which holds on a shared, noisy machine.
 *
 *   npm run bench -- --quick              10k replies, short runs (< 3 min on a quiet 2-core VM)
 *   npm run bench                         full: 10k and 1M replies, longer runs (< 20 min)
 *   npm run bench -- --size 100k          one size (10k | 100k | 1m), full-length runs
 *   npm run bench -- --quick --profile /tmp/prof   also writes V8 CPU profiles of the server
 *   npm run bench -- --size 1m --http-only --scenarios search,search1   only these HTTP scenarios
 *   npm run bench -- --db postgres        PostgreSQL at postgres://postgres@127.0.0.1:5432/test
 *                                         (fresh schema, dropped afterwards; BENCH_PG_URL overrides)
 *   npm run bench -- --db postgres --instances 2   scale-out only: read throughput through nginx
 *                                         (deploy/nginx.conf) with 1 and with 2 server processes on
 *                                         PostgreSQL + Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379);
 *                                         the figure is the ratio two/one. 10k replies unless --size.
 *
 * Design:
 *  0. Setup, before anything is measured: the production web build (if dist/web is missing) in
 *     its own process, beside every seed this run needs (the HTTP sizes', the realtime bench's —
 *     on SQLite a copy of the 10k one — and the 5,000 conversations'); setup beside setup only,
 *     so no figure is taken while anything else works. Every phase's wall time is printed at the
 *     end (bench/harness.ts PhaseClock), then the run's total.
 *  1. In-process figures kept from before: the safety screen and the empathy feedback on a
 *     supporter's reply (each vs lower-case + one regex, bench/empathy.bench.ts) and the
 *     password hash (sign-in is bounded by it); mentoring matching over 100,000 supporters (vs a
 *     naive score-all-and-sort, bench/mentoring.bench.ts); the 1:1 message round trip with 5,000 open
 *     conversations over real WebSockets (vs a transport ceiling) and the cost of sealing a message
 *     (bench/conversations.bench.ts); realtime at scale: 10,000 WebSockets on one instance, a reply's
 *     delivery to the 1,000 watching its thread, memory per idle connection, against a bare ws
 *     server (bench/realtime.bench.ts, its own load process with a raised open-files limit).
 *  2. For each data size: the database seeded in setup (bench/seed.ts: Zipf threads, real
 *     rendering and screening) in a temp dir; start the real server as a separate process (`tsx src/server/main.ts`,
 *     production web build, LOG_LEVEL=warn, the per-IP and per-account rate limits raised through
 *     KINDRED_RATE_LIMIT_PER_MINUTE and KINDRED_WRITE_RATE_LIMIT_PER_MINUTE because every request
 *     comes from 127.0.0.1 and every write from one account), sign the bench member in through the
 *     API (session cookie + CSRF token).
 *  3. Fetch every scenario request once (status checked), then start the ceilings process
 *     (bench/ceiling-server.ts): bare Fastify hello-world and, per scenario, a route returning a
 *     real response body of that scenario (the one nearest the mean size) precomputed.
 *  4. Rounds: hello-world, then for each scenario its same-size ceiling and the scenario itself,
 *     back to back, driven by autocannon from this process over loopback. Figures are medians over
 *     rounds; ratios are per-round pairs, then the median.
 *  5. Replies: POST with the CSRF token; the outbox (notification fan-out to followers) is drained
 *     before the next measurement, and "replies/s incl. fan-out" counts that drain time too.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as AcRequest, type Result } from 'autocannon';
import { sql } from 'kysely';
import { createPasswordHasher } from '../src/server/modules/accounts/passwords.js';
import { dropPostgresSchema, openDatabase } from '../src/server/platform/db.js';
import { benchConversations, prepareConversations, type PreparedConversations } from './conversations.bench.js';
import { benchEmpathy } from './empathy.bench.js';
import { benchMentoring } from './mentoring.bench.js';
import { benchRealtime, prepareRealtime, type PreparedRealtime } from './realtime.bench.js';
import { startNginx } from '../test/nginx.js';
import { benchSafety, type InProcessRow } from './safety.bench.js';
import { seed, SIZES, sampleReplyBodies, type SeedResult, type SeedSize } from './seed.js';

import type { Figure } from './figure.js';
import { buildWebIfNeeded, csrfForAnonymous, flag, freePort, makeTempDir, median, option, PhaseClock, removeTempDir, root, round1, signIn, startKindredServer, startProcess, stopProcess, track, waitFor } from './harness.js';
import { benchWeb } from './web.bench.js';

const quick = flag('quick');
const dbKind = (option('db') ?? 'sqlite') as 'sqlite' | 'postgres';
const sizes: SeedSize[] = option('size') ? [option('size') as SeedSize] : quick ? ['10k'] : ['10k', '1m'];
const ROUNDS = Number(option('rounds') ?? 2);
// Whole seconds: autocannon counts requests per second, so a run of 1.5 s would read as 2 s.
// Quick: 1 s per run (thousands of requests for a read; a few dozen for a reply), still two rounds
// each alternating with its ceiling; the full run's 6 s are the figures to quote.
const SECONDS = Number(option('seconds') ?? (quick ? 1 : 6));
const CONNECTIONS = 10;
/** The longest the harness waits for the notification fan-out to drain after a write scenario. */
const DRAIN_LIMIT_S = quick ? 60 : 120;
/** How long the outbox must stay empty (and no reply still land) to count as drained. */
const SETTLED_S = quick ? 0.5 : 1;
if (ROUNDS < 2) throw new Error('--rounds must be at least 2: every figure alternates with its ceiling, round by round');
const clock = new PhaseClock();
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const instances = Number(option('instances') ?? 1);
if (instances !== 1 && instances !== 2) throw new Error('--instances must be 1 or 2');
if (instances === 2 && dbKind !== 'postgres') throw new Error('--instances 2 needs --db postgres (several instances share PostgreSQL and Redis; SQLite is one process)');
for (const s of sizes) if (!(s in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);

const load = () => os.loadavg().map((x) => round1(x, 2));

// ── in-process figures ──────────────────────────────────────────────────────────
async function benchPasswordHash(): Promise<Figure[]> {
  const hasher = createPasswordHasher('production');
  const hashed = await hasher.hash('correct horse battery staple');
  const n = 20;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await hasher.verify(hashed, 'correct horse battery staple');
  const ms = (performance.now() - t0) / n;
  return [{ figure: 'sign-in password verify (Argon2id 19 MiB, t=2)', value: round1(ms), unit: 'ms each' }];
}

// ── HTTP helpers ────────────────────────────────────────────────────────────────
/** Ids of seeded accounts, for profile pages. */
async function someUserIds(databaseUrl: string, pgSchema: string | undefined, n: number): Promise<string[]> {
  const handle = openDatabase(databaseUrl, pgSchema ? { schema: pgSchema } : {});
  try {
    return (await handle.db.selectFrom('users').select('id').orderBy('id').limit(n).execute()).map((r) => r.id);
  } finally {
    await handle.close();
  }
}

interface Scenario {
  key: string;
  label: string;
  requests: AcRequest[];
  /** autocannon connections for this scenario. */
  connections: number;
  write?: boolean;
  /** The status every request must answer with (default 200, or 201 for a write). */
  status?: number;
  /** What a write makes, for its figures ("replies" by default). */
  unit?: string;
  /** The ceiling it is compared with: a same-size body, or a same-size body behind the password hash. */
  ceiling?: 'size' | 'hashed';
  /** Replies fan out to followers: count the notifications each one wrote. */
  fansOut?: boolean;
  /** Filled after the sample fetch. */
  meanBytes?: number;
  /** Runs (its and its ceiling's) last at least this long, whatever --seconds says. */
  minSeconds?: number;
  /**
   * The connections take the requests in turn from one shared list (`spread`), rather than each
   * walking the whole list from its first entry. autocannon starts every connection at the first
   * request and moves them in step: over a list of 140 a 1 s run at ~150 req/s asked only the
   * first ~15 (one space), each ten times at once.
   */
  spread?: boolean;
  /** Searches: the sample fetch fails unless some answer has hits (an index the seed left empty answers 200 with none). */
  mustFind?: boolean;
}
const secondsOf = (s: Scenario) => Math.max(SECONDS, s.minSeconds ?? 0);

/** What autocannon is given for a scenario's run: its requests, or one that takes the next of them each time (`spread`). */
function loadOf(s: Scenario): AcRequest[] {
  if (!s.spread) return s.requests;
  // The cursor lives across runs: each round goes on through the list where the last one stopped.
  const next = (req: AcRequest): AcRequest => {
    const i = spreadCursors.get(s.key) ?? 0;
    spreadCursors.set(s.key, i + 1);
    return { ...req, path: s.requests[i % s.requests.length]!.path };
  };
  return [{ ...s.requests[0], setupRequest: next }];
}
const spreadCursors = new Map<string, number>();

async function sample(base: string, s: Scenario): Promise<{ status: number; body: string }> {
  const bodies: { status: number; body: string }[] = [];
  const once = async (r: AcRequest) => {
    const res = await fetch(base + r.path!, { method: r.method ?? 'GET', headers: r.headers ?? {}, ...(r.body ? { body: r.body } : {}) });
    const body = await res.text();
    if (res.status !== (s.status ?? (s.write ? 201 : 200))) throw new Error(`${s.label}: ${r.method ?? 'GET'} ${r.path} → ${res.status} ${body.slice(0, 300)}`);
    return { status: res.status, body };
  };
  // Every read once (each must answer 200), ten at a time; only a few writes, one by one (each reply fans out).
  if (s.write) for (const r of s.requests.slice(0, 3)) bodies.push(await once(r));
  else for (let i = 0; i < s.requests.length; i += 10) bodies.push(...(await Promise.all(s.requests.slice(i, i + 10).map(once))));
  if (s.mustFind && !bodies.some((b) => (JSON.parse(b.body) as { hits?: unknown[] }).hits?.length)) {
    throw new Error(`${s.label}: none of its ${bodies.length} searches found anything; the seeded search index is wrong`);
  }
  const sizes = bodies.map((b) => Buffer.byteLength(b.body));
  s.meanBytes = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  return bodies.reduce((best, b) => (Math.abs(Buffer.byteLength(b.body) - s.meanBytes!) < Math.abs(Buffer.byteLength(best.body) - s.meanBytes!) ? b : best));
}

async function drive(url: string, o: { connections: number; seconds: number; requests?: AcRequest[] }): Promise<Result> {
  const res = await autocannon({ url, connections: o.connections, duration: o.seconds, timeout: 30, ...(o.requests ? { requests: o.requests } : {}) });
  // A timeout is a figure (the write scenario at 1M can be that slow); anything else is a bug.
  if (!res['2xx']) console.log(`  (no request to ${url} completed within the ${o.seconds} s run)`);
  if (res.non2xx || res.errors > res.timeouts) {
    const statuses = Object.entries(res.statusCodeStats ?? {}).map(([code, { count }]) => `${count} × ${code}`).join(', ');
    throw new Error(`${url}: ${res.errors} errors, ${res.timeouts} timeouts, ${res.non2xx} non-2xx responses (${statuses})`);
  }
  if (res.timeouts) console.log(`  (${res.timeouts} requests timed out after 30 s)`);
  return res;
}

// ── one data size ───────────────────────────────────────────────────────────────
/** A data size's database, seeded in the setup phase. */
interface PreparedSize {
  size: SeedSize;
  tmp: string;
  schema: string;
  /** `sqlite:<file>` or the PostgreSQL URL (with `schema`). */
  databaseUrl: string;
  seeded: SeedResult;
  dispose: () => Promise<void>;
}

async function prepareSize(size: SeedSize): Promise<PreparedSize> {
  const tmp = makeTempDir('kindred-bench-');
  const schema = `bench_${process.pid}_${size}`;
  const databaseUrl = dbKind === 'sqlite' ? `sqlite:${path.join(tmp, 'kindred.db')}` : PG_URL;
  console.log(`[${size} replies, ${dbKind}] seeding…`);
  const seeded = await seed({ databaseUrl, pgSchema: dbKind === 'postgres' ? schema : undefined, replies: SIZES[size], log: console.log });
  console.log(
    `  ${seeded.users} users, ${seeded.threads} threads, ${seeded.replies} replies, ${seeded.reactions} reactions, ${seeded.follows} follows in ${round1(seeded.seconds.total)} s (indexes ${round1(seeded.seconds.indexes)} s)`,
  );
  return {
    size,
    tmp,
    schema,
    databaseUrl,
    seeded,
    dispose: async () => {
      if (dbKind === 'postgres') await dropPostgresSchema(PG_URL, schema).catch(() => undefined);
      removeTempDir(tmp);
    },
  };
}

async function runSize(prepared: PreparedSize): Promise<{ figures: Figure[]; dataset: Record<string, unknown> }> {
  const { size, tmp, schema, databaseUrl, seeded } = prepared;
  const label = `${size} replies`;
  const phase = (name: string) => `http ${size}: ${name}`;
  console.log(`\n[${label}, ${dbKind}] ${seeded.users} users, ${seeded.threads} threads`);
  const figures: Figure[] = [];
  const kindred: { child?: ChildProcess; ceiling?: ChildProcess } = {};
  try {
    // The real server, as production runs it.
    const serverUrl = dbKind === 'sqlite' ? databaseUrl : `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    // --profile <dir>: V8 CPU profile of the server (written when it stops), for chasing a figure.
    const profile = option('profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(option('profile')!)}`] : [];
    const server = await clock.time(phase('server start'), () =>
      startKindredServer({
        databaseUrl: serverUrl,
        keyFile: path.join(tmp, 'kindred.key'),
        // The sign-in scenario names its client address in X-Forwarded-For.
        env: { TRUST_PROXY: 'true' },
        nodeFlags: profile,
      }),
    );
    kindred.child = server.child;
    const base = server.base;
    const auth = await signIn(base, seeded.benchUser);
    const headers = { cookie: auth.cookie };
    const replyBodies = sampleReplyBodies(64);
    const profileIds = await someUserIds(databaseUrl, dbKind === 'postgres' ? schema : undefined, 64);
    const anonymous = await csrfForAnonymous(base);
    // Searches narrowed to one space and one kind (ADR 022): every space (the busiest to the
    // quietest) against every query word, each with one of the three kinds in turn.
    const spaceIds = ((await (await fetch(`${base}/api/spaces`, { headers })).json()) as { spaces: { id: string }[] }).spaces.map((x) => x.id);
    const kinds = ['story', 'question', 'what_helped'];
    const narrowSearches = spaceIds.flatMap((space, i) => seeded.searchQueries.map((q, j) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}&space=${space}&kind=${kinds[(i + j) % kinds.length]}`, headers })));
    // Sign-ins come from many addresses (behind TRUST_PROXY), as people's would: one address is
    // limited to 20 sign-ins a minute, which would make this a figure of the limiter.
    let signInCount = 0;
    const fromNextAddress = (req: AcRequest): AcRequest => {
      signInCount += 1;
      return { ...req, headers: { ...req.headers, 'x-forwarded-for': `10.${(signInCount >> 16) & 255}.${(signInCount >> 8) & 255}.${signInCount & 255}` } };
    };

    const scenarios: Scenario[] = [
      { key: 'thread', label: 'thread page (opening + 20 replies)', connections: CONNECTIONS, requests: seeded.readThreadIds.map((id) => ({ method: 'GET', path: `/api/threads/${id}?limit=21`, headers })) },
      { key: 'latest', label: 'latest list (30 threads)', connections: CONNECTIONS, requests: [{ method: 'GET', path: '/api/threads?list=latest', headers }] },
      { key: 'search', label: 'search', connections: CONNECTIONS, requests: seeded.searchQueries.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}`, headers })), spread: true, mustFind: true },
      { key: 'search1', label: 'search, 1 connection', connections: 1, requests: seeded.searchQueries.map((q) => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q)}`, headers })), mustFind: true },
      { key: 'searchNarrow', label: 'search in one space and kind', connections: CONNECTIONS, requests: narrowSearches, spread: true, mustFind: true },
      { key: 'spaces', label: 'space list', connections: CONNECTIONS, requests: [{ method: 'GET', path: '/api/spaces', headers }] },
      { key: 'profile', label: 'profile page', connections: CONNECTIONS, requests: profileIds.map((id) => ({ method: 'GET', path: `/api/users/${id}`, headers })) },
      {
        key: 'checkin',
        label: 'mood check-in (screened note, encrypted)',
        connections: CONNECTIONS,
        write: true,
        unit: 'check-ins',
        requests: replyBodies.slice(0, 16).map((body, i) => ({
          method: 'POST',
          path: '/api/me/checkins',
          headers: { ...headers, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ mood: 1 + (i % 5), note: body.slice(0, 400) }),
        })),
      },
      {
        key: 'signin',
        label: 'sign-in (Argon2id verify + new session)',
        connections: CONNECTIONS,
        write: true,
        status: 200,
        unit: 'sign-ins',
        ceiling: 'hashed',
        // Tens a second at most (the hash): a 1 s quick run on a busy machine may complete none.
        minSeconds: 2,
        requests: [{
          method: 'POST',
          path: '/api/auth/sign-in',
          headers: { cookie: anonymous.cookie, 'x-csrf-token': anonymous.csrf, 'content-type': 'application/json' },
          body: JSON.stringify(seeded.benchUser),
          setupRequest: fromNextAddress,
        }],
      },
      // Replies where people reply (busy threads, by popularity: many followers to notify) and
      // to the typical thread (uniform: few followers), to tell storing from fan-out.
      ...([
        ['reply', 'reply to a busy thread (screen + store + index + fan-out)', seeded.replyThreadIds],
        ['replyQuiet', 'reply to a typical thread', seeded.quietThreadIds],
      ] as const).map(([key, label, ids]) => ({
        key,
        label,
        connections: CONNECTIONS,
        write: true,
        fansOut: true,
        requests: ids.map((id, i) => ({
          method: 'POST',
          path: `/api/threads/${id}/posts`,
          headers: { ...headers, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ body: replyBodies[i % replyBodies.length] }),
        })),
      })),
    ];

    // --scenarios a,b: only these (by key), when working on one of them.
    const only = option('scenarios')?.split(',');
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => only.includes(s.key)));
    if (scenarios.length === 0) throw new Error(`--scenarios: none of ${only?.join(', ')}`);

    // Ceilings: hello-world and a same-size body per scenario, in their own process.
    const cbase = await clock.time(phase('every request once, ceiling start'), async () => {
      const ceilingBodies: Record<string, { status: number; body: string }> = {};
      for (const s of scenarios) ceilingBodies[s.key] = await sample(base, s);
      const bodiesFile = path.join(tmp, 'ceiling-bodies.json');
      fs.writeFileSync(bodiesFile, JSON.stringify(ceilingBodies));
      const cport = await freePort();
      kindred.ceiling = startProcess('ceiling server', ['bench/ceiling-server.ts', bodiesFile, String(cport)], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' } });
      await waitFor(`http://127.0.0.1:${cport}/hello`);
      return `http://127.0.0.1:${cport}`;
    });

    const outbox = openDatabase(databaseUrl, dbKind === 'postgres' ? { schema } : {});
    const countRows = async (table: 'notifications' | 'posts') =>
      Number((await outbox.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    // Settled: the outbox is empty and no reply is still being written (autocannon stops sending,
    // but the server still works through the requests it holds) for a full second.
    const drainOutbox = async (): Promise<number> => {
      const t0 = performance.now();
      let quietSince = 0;
      let lastPosts = -1;
      for (;;) {
        const row = await outbox.db.selectFrom('outbox').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        const posts = await countRows('posts');
        const quiet = Number(row.n) === 0 && posts === lastPosts;
        lastPosts = posts;
        if (!quiet) quietSince = 0;
        else if (!quietSince) quietSince = performance.now();
        else if (performance.now() - quietSince >= SETTLED_S * 1000) return (quietSince - t0) / 1000;
        if (performance.now() - t0 > DRAIN_LIMIT_S * 1000) {
          console.log(`  outbox still holds ${row.n} events after ${DRAIN_LIMIT_S} s; going on (later figures are disturbed)`);
          return DRAIN_LIMIT_S;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // Warm-up: JIT, page cache, prepared statements (after the sample replies' fan-out is done).
    await clock.time(phase('warm-up'), async () => {
      await drainOutbox();
      console.log(`  warming up (load ${load().join(' ')})`);
      await drive(`${cbase}/hello`, { connections: CONNECTIONS, seconds: 1 });
      for (const s of scenarios.filter((x) => !x.write)) await drive(base, { connections: s.connections, seconds: quick ? 0.5 : 2, requests: loadOf(s) });
    });

    const runs: Record<string, { hello: Result; ceiling: Result; real: Result; drain?: number; fanout?: number }[]> = {};
    for (let r = 0; r < ROUNDS; r++) {
      const hello = await clock.time(phase('ceilings (hello-world and same-size)'), () => drive(`${cbase}/hello`, { connections: CONNECTIONS, seconds: SECONDS }));
      for (const s of scenarios) {
        const ceilingReqs = s.requests.slice(0, 1).map((q) => ({ ...q, path: `/${s.ceiling ?? 'size'}/${s.key}` }));
        const ceiling = await clock.time(phase('ceilings (hello-world and same-size)'), () => drive(cbase, { connections: s.connections, seconds: secondsOf(s), requests: ceilingReqs }));
        const t0 = performance.now();
        const before = s.write ? [await countRows('notifications'), await countRows('posts')] : [];
        const real = await drive(base, { connections: s.connections, seconds: secondsOf(s), requests: loadOf(s) });
        const drain = s.write ? await drainOutbox() : undefined;
        const fanout = s.fansOut ? (await countRows('notifications') - before[0]!) / Math.max(1, (await countRows('posts')) - before[1]!) : undefined;
        clock.record(phase(s.write ? `${s.key} (and the outbox drained)` : s.key), (performance.now() - t0) / 1000);
        (runs[s.key] ??= []).push({ hello, ceiling, real, ...(drain !== undefined ? { drain, fanout } : {}) });
        process.stdout.write(
          `  round ${r + 1}/${ROUNDS} ${s.key}: ${Math.round(real.requests.average)} req/s, p99 ${real.latency.p99} ms (ceiling ${Math.round(ceiling.requests.average)} req/s, hello ${Math.round(hello.requests.average)})${drain !== undefined ? `, outbox drained in ${round1(drain, 2)} s${fanout !== undefined ? `, ${round1(fanout)} notifications per reply` : ''}` : ''}\n`,
        );
      }
    }
    await outbox.close();

    const common = { dataSize: label, database: dbKind };
    const hellos = Object.values(runs)[0]!.map((x) => x.hello.requests.average);
    figures.push({ figure: 'ceiling: bare Fastify hello-world', value: Math.round(median(hellos)), unit: 'req/s', ...common });
    for (const s of scenarios) {
      const rs = runs[s.key]!;
      const rps = rs.map((x) => x.real.requests.average);
      const p99 = rs.map((x) => x.real.latency.p99);
      const name = s.unit ?? 'replies';
      figures.push({
        figure: `${s.label}: throughput`,
        value: Math.round(median(rps)),
        unit: s.write ? `${name}/s` : 'req/s',
        ratio: round1(median(rs.map((x) => x.real.requests.average / x.ceiling.requests.average)), 3),
        baseline: `same-size ceiling${s.ceiling === 'hashed' ? ' behind the same password hash' : ''} (${Math.round(s.meanBytes!)} B, ${Math.round(median(rs.map((x) => x.ceiling.requests.average)))} req/s)`,
        ratioToHello: round1(median(rs.map((x) => x.real.requests.average / x.hello.requests.average)), 3),
        ...common,
      });
      if (rs.every((x) => !x.real['2xx'])) {
        // Nothing completed: the latency is at least the run's length, and has no ratio.
        figures.push({ figure: `${s.label}: p99 latency (${s.connections} conn.)`, value: secondsOf(s) * 1000, unit: 'ms (at least: none completed)', ...common });
      } else figures.push({
        figure: `${s.label}: p99 latency (${s.connections} conn.)`,
        value: median(p99),
        unit: 'ms',
        // Latency ratios are ceiling/real, so that like throughput, 1 is "as fast as the ceiling".
        ratio: round1(median(rs.map((x) => Math.max(x.ceiling.latency.p99, 1) / Math.max(x.real.latency.p99, 1))), 3),
        baseline: 'ceiling p99 / this p99',
        ratioToHello: round1(median(rs.map((x) => Math.max(x.hello.latency.p99, 1) / Math.max(x.real.latency.p99, 1))), 3),
        ...common,
      });
      if (s.write) {
        const sustained = rs.map((x) => (x.real['2xx'] ?? x.real.requests.total) / (x.real.duration + (x.drain ?? 0)));
        figures.push({ figure: `${s.label}: ${name}/s incl. draining the outbox`, value: Math.round(median(sustained)), unit: `${name}/s`, ...common });
        if (s.fansOut) figures.push({ figure: `${s.label}: notifications written per reply`, value: round1(median(rs.map((x) => x.fanout ?? 0))), unit: 'rows', ...common });
      }
    }
    return {
      figures,
      dataset: { size, database: dbKind, users: seeded.users, threads: seeded.threads, replies: seeded.replies, reactions: seeded.reactions, follows: seeded.follows, seedSeconds: seeded.seconds },
    };
  } finally {
    await clock.time(phase('servers stopping'), async () => {
      if (kindred.child) await stopProcess(kindred.child);
      if (kindred.ceiling) await stopProcess(kindred.ceiling);
    });
  }
}

// ── scale-out: 1 and 2 instances behind nginx (--instances 2) ──────────────────
/**
 * Two server processes on one PostgreSQL schema and Redis, and two nginx with deploy/nginx.conf:
 * one whose upstream is the first instance only, one spreading over both. Rounds alternate between
 * them, so the ratio two/one (per round, then the median) holds on a noisy machine. Everything
 * (autocannon, nginx, both instances, PostgreSQL, Redis) shares this machine's cores: the ratio says
 * how much a second process adds here, not on a machine per instance.
 */
async function runInstances(size: SeedSize): Promise<{ figures: Figure[]; dataset: Record<string, unknown> }> {
  const tmp = makeTempDir('kindred-bench-x2-');
  const schema = `bench_${process.pid}_${size}_x2`;
  const label = `${size} replies`;
  const started: ChildProcess[] = [];
  try {
    console.log(`\n[${label}, postgres, 1 vs 2 instances behind nginx] seeding…`);
    const seeded = await seed({ databaseUrl: PG_URL, pgSchema: schema, replies: SIZES[size], log: console.log });
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL,
      KINDRED_SECRET: randomBytes(36).toString('base64url'),
      KINDRED_KEY_FILE: path.join(tmp, 'unused.key'),
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      KINDRED_RATE_LIMIT_PER_MINUTE: '100000000',
      KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
    };
    const ports = [await freePort(), await freePort()];
    for (const [i, port] of ports.entries()) {
      started.push(startProcess(`kindred instance ${i + 1}`, ['src/server/main.ts'], { env: { ...env, PORT: String(port), KINDRED_INSTANCE_ID: `i${i + 1}` } }));
      await waitFor(`http://127.0.0.1:${port}/api/ready`);
    }
    const bases: Record<'one' | 'two', string> = { one: '', two: '' };
    for (const [key, upstream] of [['one', ports.slice(0, 1)], ['two', ports]] as const) {
      const dir = path.join(tmp, `nginx-${key}`);
      fs.mkdirSync(dir);
      const port = await freePort();
      const nginx = track(startNginx(dir, port, [...upstream]));
      started.push(nginx);
      bases[key] = `http://127.0.0.1:${port}`;
      await waitFor(`${bases[key]}/api/health`);
    }
    const auth = await signIn(bases.two, seeded.benchUser);
    const headers = { cookie: auth.cookie };
    const scenarios: Scenario[] = [
      { key: 'thread', label: 'thread page (opening + 20 replies)', connections: CONNECTIONS * 2, requests: seeded.readThreadIds.map((id) => ({ method: 'GET', path: `/api/threads/${id}?limit=21`, headers })) },
      { key: 'latest', label: 'latest list (30 threads)', connections: CONNECTIONS * 2, requests: [{ method: 'GET', path: '/api/threads?list=latest', headers }] },
    ];
    for (const s of scenarios) await sample(bases.two, s);

    // Seeding leaves nothing in the outbox, but make sure no instance is still delivering.
    const handle = openDatabase(PG_URL, { schema });
    for (let i = 0; i < 600; i++) {
      const row = await handle.db.selectFrom('outbox').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      if (Number(row.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await handle.close();

    console.log(`  warming up (load ${load().join(' ')})`);
    for (const s of scenarios) for (const base of [bases.two, bases.one]) await drive(base, { connections: s.connections, seconds: quick ? 1 : 2, requests: loadOf(s) });
    const runs: Record<string, { one: Result; two: Result }[]> = {};
    for (let r = 0; r < ROUNDS; r++) {
      for (const s of scenarios) {
        const one = await drive(bases.one, { connections: s.connections, seconds: SECONDS, requests: loadOf(s) });
        const two = await drive(bases.two, { connections: s.connections, seconds: SECONDS, requests: loadOf(s) });
        (runs[s.key] ??= []).push({ one, two });
        console.log(`  round ${r + 1}/${ROUNDS} ${s.key}: 1 instance ${Math.round(one.requests.average)} req/s, 2 instances ${Math.round(two.requests.average)} req/s (p99 ${one.latency.p99} / ${two.latency.p99} ms)`);
      }
    }

    const figures: Figure[] = [];
    const common = { dataSize: label, database: 'postgres + redis, nginx' };
    for (const s of scenarios) {
      const rs = runs[s.key]!;
      figures.push({ figure: `${s.label}, 1 instance behind nginx: throughput`, value: Math.round(median(rs.map((x) => x.one.requests.average))), unit: 'req/s', ...common });
      figures.push({
        figure: `${s.label}, 2 instances behind nginx: throughput`,
        value: Math.round(median(rs.map((x) => x.two.requests.average))),
        unit: 'req/s',
        ratio: round1(median(rs.map((x) => x.two.requests.average / x.one.requests.average)), 2),
        baseline: `1 instance behind the same nginx, same run (target ≥ 1.6; ${os.cpus().length} cores shared by everything)`,
        ...common,
      });
    }
    return { figures, dataset: { size, database: 'postgres', instances: [1, 2], users: seeded.users, threads: seeded.threads, replies: seeded.replies, seedSeconds: seeded.seconds } };
  } finally {
    for (const child of started.reverse()) await stopProcess(child);
    await dropPostgresSchema(PG_URL, schema).catch(() => undefined);
    removeTempDir(tmp);
  }
}

// ── main ────────────────────────────────────────────────────────────────────────
const fromRows = (rows: InProcessRow[]): Figure[] => rows.map((r) => ({ figure: r.name, value: r.value, unit: r.unit, ...(r.ratio !== undefined ? { ratio: r.ratio, baseline: r.baseline } : {}) }));

/**
 * Everything this run measures on, made before any figure is taken: the web build in its own
 * process beside the seeds (each seed in this process, one after the other).
 */
async function setUp(o: { withRest: boolean }): Promise<{ sizes: Map<SeedSize, PreparedSize>; conversations?: PreparedConversations; realtime?: PreparedRealtime & { dispose: () => Promise<void> }; dispose: () => Promise<void> }> {
  const buildStarted = performance.now();
  let built: number | undefined;
  const needsBuild = !fs.existsSync(path.join(root, 'dist/web/index.html'));
  const web = buildWebIfNeeded().then(() => void (built = needsBuild ? (performance.now() - buildStarted) / 1000 : undefined));
  // Seen by the `await` below; until then a failed build must not count as unhandled.
  web.catch(() => undefined);
  const out: Awaited<ReturnType<typeof setUp>> = {
    sizes: new Map(),
    dispose: async () => {
      for (const p of [...out.sizes.values(), out.conversations, out.realtime]) await p?.dispose();
    },
  };
  try {
    for (const size of sizes) out.sizes.set(size, await clock.time(`setup: seeding ${size} replies`, () => prepareSize(size)));
    if (o.withRest) {
      const template = out.sizes.get('10k');
      out.realtime = await clock.time(`setup: seeding the realtime bench (${template && dbKind === 'sqlite' ? 'a copy of the 10k replies, ' : '10k replies, '}10,001 members, a group)`, () =>
        prepareRealtime({ db: dbKind, pgUrl: PG_URL, ...(template && dbKind === 'sqlite' ? { from: { file: template.databaseUrl.slice('sqlite:'.length), seeded: template.seeded } } : {}) }),
      );
      out.conversations = await clock.time('setup: seeding 5,000 conversations', () => prepareConversations({ db: dbKind, pgUrl: PG_URL }));
    }
    await clock.time('setup: the web build, after the seeds', () => web);
    if (built !== undefined) console.log(`  the web build took ${round1(built)} s, beside the seeding`);
    return out;
  } catch (err) {
    await out.dispose();
    throw err;
  }
}

async function main(): Promise<void> {
  const loadBefore = load();
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`Kindred benchmarks — ${machine}; load average before: ${loadBefore.join(' ')}${loadBefore[0]! > os.cpus().length / 2 ? ' (machine already loaded)' : ''}`);

  const figures: Figure[] = [];
  const datasets: Record<string, unknown>[] = [];
  const bySize = new Map<string, Figure[]>();
  // --web: Lighthouse on the production build alone (bench/web.bench.ts).
  const webOnly = flag('web');
  if (webOnly || instances === 2) await clock.time('setup: the web build', () => buildWebIfNeeded());
  if (webOnly) figures.push(...(await benchWeb({ quick })));
  // --instances 2: the scale-out comparison alone (it needs its own processes, nginx and Redis).
  else if (instances === 2) {
    for (const size of option('size') ? sizes : (['10k'] as SeedSize[])) {
      const { figures: fs_, dataset } = await runInstances(size);
      figures.push(...fs_);
      datasets.push(dataset);
    }
  } else {
    // --http-only: just the seeded server's scenarios (quicker, when working on one of them).
    const withRest = !flag('http-only');
    const prepared = await setUp({ withRest });
    try {
      if (withRest) {
        figures.push(...fromRows(await clock.time('in-process: safety screen', () => benchSafety({ quick }))));
        figures.push(...fromRows(await clock.time('in-process: empathy feedback', () => benchEmpathy({ quick }))));
        figures.push(...(await clock.time('in-process: password hash', () => benchPasswordHash())));
        figures.push(...(await clock.time('in-process: mentoring matching', () => benchMentoring({ quick }))));
        // The 1:1 conversation: its own server and a transport ceiling (bench/conversations.bench.ts).
        figures.push(...(await benchConversations({ quick, db: dbKind, pgUrl: PG_URL, clock }, prepared.conversations)));
        // 10,000 WebSockets on one instance, 1,000 watching a thread; a bare ws server as the baseline (bench/realtime.bench.ts).
        figures.push(...(await benchRealtime({ quick, db: dbKind, pgUrl: PG_URL, clock }, prepared.realtime)));
      }
      for (const [size, p] of prepared.sizes) {
        const { figures: fs_, dataset } = await runSize(p);
        figures.push(...fs_);
        datasets.push(dataset);
        bySize.set(size, fs_);
      }
    } finally {
      await clock.time('cleanup: temp databases', () => prepared.dispose());
    }
  }
  // Growth: the same figure at 1M replies over 10k (target within 1.5×).
  const small = bySize.get('10k');
  const big = bySize.get('1m') ?? bySize.get('100k');
  if (small && big) {
    const bigSize = bySize.has('1m') ? '1m' : '100k';
    for (const f of big) {
      const g = small.find((x) => x.figure === f.figure);
      if (!g || f.figure.startsWith('ceiling')) continue;
      const slower = f.unit === 'ms' ? f.value / Math.max(g.value, 1) : g.value / Math.max(f.value, 1);
      figures.push({ figure: `${f.figure}: ${bigSize}/10k slowdown`, value: round1(slower, 2), unit: '× (1 = no slower)', dataSize: `${bigSize} vs 10k`, database: dbKind });
    }
  }
  const loadAfter = load();
  const elapsed = Math.round(clock.elapsed());

  const width = Math.max(...figures.map((f) => f.figure.length));
  console.log(`\nKindred benchmarks — ${machine}`);
  console.log(`load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}; ${ROUNDS} rounds × ${SECONDS} s, ${instances === 2 ? CONNECTIONS * 2 : CONNECTIONS} connections\n`);
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(10)} ${'unit'.padEnd(18)} ${(instances === 2 ? '× 1 inst.' : '× baseline').padStart(11)} ${'× hello'.padStart(8)}  data`);
  for (const f of figures) {
    console.log(
      `${f.figure.padEnd(width)}  ${String(f.value).padStart(10)} ${f.unit.padEnd(18)} ${(f.ratio !== undefined && f.baseline !== undefined ? String(f.ratio) : '').padStart(11)} ${(f.ratioToHello !== undefined ? String(f.ratioToHello) : '').padStart(8)}  ${f.dataSize ? `${f.dataSize}, ${f.database}` : ''}`,
    );
  }
  const out = path.join(root, 'bench', 'results.json');
  fs.writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), machine, node: process.version, loadAverage: { before: loadBefore, after: loadAfter }, options: { quick, sizes, database: dbKind, instances, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS }, seconds: elapsed, phases: clock.phases, datasets, figures },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  console.log(`\nwhere the time went (wall clock; phases run one after the other):\n${clock.lines().join('\n')}`);
  console.log(`\ntotal elapsed: ${elapsed} s (${Math.floor(elapsed / 60)} min ${elapsed % 60} s), ${quick ? '--quick' : option('size') ? `--size ${option('size')}` : 'full run'}; load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
