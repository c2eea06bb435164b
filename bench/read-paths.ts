/**
 * Server CPU per request of the community's hot reads (thread page, latest list, space list,
 * profile), in one process through `app.inject`, on a seeded 10k SQLite database; optionally the
 * same for a second checkout of the code, interleaved round by round (A/B on a loaded machine),
 * and a V8 CPU profile of the reads aggregated by package and by function.
 *
 *   npx tsx bench/read-paths.ts [--db DIR] [--n 500] [--rounds 5] [--base /path/to/other/checkout]
 *                               [--profile out.cpuprofile] [--only thread,latest]
 *                               [--only search,searchNarrow]   the bench's searches (not by default)
 *                               [--db-per-arm]   each arm on its own copy of the seeded file (arms with different migrations)
 *
 * `--db DIR` keeps the seeded database (and its seed figures) there for the next run. CPU is
 * `process.cpuUsage()` over a round of `n` sequential requests (user + system, all threads: GC
 * included), divided by `n`. The `inject` harness itself is counted in both arms alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KindredApp } from '../src/server/app.js';
import { seedOnce, type SeedResult } from './seed.js';
import { interleave, ratioNote } from './ab.js';
import { armDatabaseFile, buildApp, median, option, ownCpuSeconds, root, signInInProcess } from './harness.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-read-paths');
const N = Number(option('n') ?? 500);
const ROUNDS = Number(option('rounds') ?? 5);
const base = option('base');
const profileOut = option('profile');
const only = option('only')?.split(',');

const seeded = (): Promise<SeedResult> => seedOnce(dir, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, replies: 10_000, log: console.log });

interface Arm {
  name: string;
  app: KindredApp;
  cookie: string;
}

async function arm(name: string, checkout: string, s: SeedResult): Promise<Arm> {
  const app = await buildApp(checkout, { databaseUrl: `sqlite:${armDatabaseFile(path.join(dir, 'kindred.db'), name)}`, keyFile: path.join(dir, 'kindred.key') });
  return { name, app, cookie: (await signInInProcess(app, s.benchUser)).cookie };
}

/** `--http SECONDS DIR`: each scenario against the production server process under autocannon, with a V8 CPU profile of it per scenario in DIR. */
async function http(seconds: number, outDir: string, s: SeedResult) {
  const { startKindredServer, signIn, stopProcess } = await import('./harness.js');
  const { default: autocannon } = await import('autocannon');
  fs.mkdirSync(outDir, { recursive: true });
  const { openDatabase } = await import('../src/server/platform/db.js');
  const handle = openDatabase(`sqlite:${path.join(dir, 'kindred.db')}`);
  const userIds = (await handle.db.selectFrom('users').select('id').orderBy('id').limit(64).execute()).map((r) => r.id);
  await handle.close();
  for (const key of only ?? ['thread', 'latest']) {
    const profDir = path.join(outDir, key);
    fs.rmSync(profDir, { recursive: true, force: true });
    const server = await startKindredServer({ databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, keyFile: path.join(dir, 'kindred.key'), nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
    const auth = await signIn(server.base, s.benchUser);
    const headers = { cookie: auth.cookie };
    const paths =
      key === 'thread'
        ? s.readThreadIds.map((id) => `/api/threads/${id}?limit=21`)
        : key === 'latest'
          ? ['/api/threads?list=latest']
          : key === 'profile'
            ? userIds.map((id) => `/api/users/${id}`)
            : key === 'health'
              ? ['/api/health']
              : ['/api/spaces'];
    const requests = paths.map((p) => ({ method: 'GET' as const, path: p, headers }));
    await autocannon({ url: server.base, connections: 10, duration: 1, requests });
    const res = await autocannon({ url: server.base, connections: 10, duration: seconds, requests });
    console.log(`${key}: ${Math.round(res.requests.average)} req/s over HTTP (profiler on), non-2xx ${res.non2xx}`);
    await stopProcess(server.child);
    const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
    fs.renameSync(path.join(profDir, file), path.join(outDir, `${key}.cpuprofile`));
    console.log(`  profile: ${path.join(outDir, `${key}.cpuprofile`)}`);
  }
}

/** The URLs of `npm run bench`'s "search in one space and kind" (bench/run.ts): every space the member sees against every query, a kind each in turn. */
async function narrowSearchUrls(a: Arm, s: SeedResult): Promise<string[]> {
  const res = await a.app.inject({ method: 'GET', url: '/api/spaces', headers: { cookie: a.cookie } });
  const spaceIds = (JSON.parse(res.body) as { spaces: { id: string }[] }).spaces.map((x) => x.id);
  const kinds = ['story', 'question', 'what_helped'];
  return spaceIds.flatMap((space, i) => s.searchQueries.map((q, j) => `/api/search?q=${encodeURIComponent(q)}&space=${space}&kind=${kinds[(i + j) % kinds.length]}`));
}

async function main() {
  const s = await seeded();
  if (option('http')) return http(Number(option('http')), option('http', 2)!, s);
  const arms = [await arm('new', root, s)];
  if (base) arms.unshift(await arm('base', path.resolve(base), s));
  const userIds = (await arms[0]!.app.kindred.database.db.selectFrom('users').select('id').orderBy('id').limit(64).execute()).map((r) => r.id);
  const scenarios: [string, string[]][] = (
    [
      ['thread', s.readThreadIds.map((id) => `/api/threads/${id}?limit=21`)],
      ['latest', ['/api/threads?list=latest']],
      ['spaces', ['/api/spaces']],
      ['profile', userIds.map((id) => `/api/users/${id}`)],
      // Not by default: a signed-in request that does next to nothing (the fixed cost of every request).
      ...(only?.includes('health') ? [['health', ['/api/health']] as [string, string[]]] : []),
      // Not by default either (dearer, so fewer requests do): the bench's two searches, every URL
      // of theirs in turn (`npm run bench` spreads them over the connections the same way).
      ...(only?.includes('search') ? [['search', s.searchQueries.map((q) => `/api/search?q=${encodeURIComponent(q)}`)] as [string, string[]]] : []),
      ...(only?.includes('searchNarrow') ? [['searchNarrow', await narrowSearchUrls(arms[0]!, s)] as [string, string[]]] : []),
    ] as [string, string[]][]
  ).filter(([k]) => !only || only.includes(k));

  // Same bytes from both arms (the change must not alter a response).
  for (const [key, urls] of scenarios) {
    for (const url of urls.slice(0, key.startsWith('search') ? urls.length : 8)) {
      const bodies = await Promise.all(arms.map(async (a) => (await a.app.inject({ method: 'GET', url, headers: { cookie: a.cookie } })).body));
      if (bodies.some((b) => b !== bodies[0])) console.log(`!! ${key}: ${url} differs between arms`);
    }
  }

  /** CPU µs per request over `n` requests. */
  const run = async (a: Arm, urls: string[], n: number) => {
    const t0 = ownCpuSeconds();
    for (let i = 0; i < n; i++) {
      const res = await a.app.inject({ method: 'GET', url: urls[i % urls.length]!, headers: { cookie: a.cookie } });
      if (res.statusCode !== 200) throw new Error(`${urls[i % urls.length]} → ${res.statusCode}`);
    }
    return ((ownCpuSeconds() - t0) * 1e6) / n;
  };

  const results = await interleave({
    scenarios,
    arms,
    rounds: ROUNDS,
    warmUp: ([, urls], a) => run(a, urls, Math.min(N, 300)),
    measure: ([, urls], a) => run(a, urls, N),
    profile: profileOut,
  });
  for (const scenario of scenarios) {
    const line = arms.map((a) => {
      const xs = results.of(scenario, a);
      return `${a.name} median ${Math.round(median(xs))} µs (min ${Math.round(Math.min(...xs))})`;
    });
    const ratio = arms.length === 2 ? ratioNote('new/base', results.ratios(scenario, arms[1]!, arms[0]!, (x) => x)) : '';
    console.log(`${scenario[0].padEnd(8)} CPU per request: ${line.join(' | ')}${ratio}`);
  }
  for (const a of arms) await a.app.close();
}

await main();
