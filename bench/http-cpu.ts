/**
 * Server CPU per request of the community's hot reads over HTTP, against the same-size ceiling
 * (`bench/ceiling-server.ts`, bare Fastify answering the very bytes of each read) and optionally
 * a second checkout of Kindred, all three up at once on the seeded 10k SQLite file of
 * `bench/read-paths.ts`, driven in turn by autocannon (10 connections) round by round. CPU per
 * request is each server process's own (`/proc`, user + system) over a run divided by the
 * requests it answered, so it holds on a machine shared with other jobs better than req/s do; the
 * ceiling's CPU per request over Kindred's is the share of the ceiling's throughput that Kindred
 * would reach if the server were all the work (the load generator is not).
 *
 *   npx tsx bench/http-cpu.ts [--db DIR] [--seconds 2] [--rounds 3] [--base /path/to/other/checkout] [--only thread,latest,spaces,profile,health]
 *                             [--arms 'name=checkout[@VAR=value],…']   other servers instead of this checkout and --base
 *                             [--db-per-arm]   each server on its own copy of the seeded file (arms with different migrations)
 *                             [--accept-encoding 'gzip, deflate, br']   sent with every request, as a browser does (compressed answers; the ceiling does not compress)
 *
 * `--arms` measures servers of the named checkouts, each optionally with one environment variable
 * set (e.g. a scratch checkout where a variable turns one stage of the pipeline off, ADR 043).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { interleave, ratioNote } from './ab.js';
import { parseArms } from './arms.js';
import { armDatabaseFile, cpuSecondsOf, freePort, makeTempDir, median, option, root, signIn, startKindredServer, startProcess, stopProcess, waitFor } from './harness.js';
import { openDatabase } from '../src/server/platform/db.js';
import { seededIn } from './seed.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-read-paths');
const SECONDS = Number(option('seconds') ?? 2);
const ROUNDS = Number(option('rounds') ?? 3);
const base = option('base');
const only = option('only')?.split(',');
const acceptEncoding = option('accept-encoding');

const s = seededIn(dir);
const databaseUrl = `sqlite:${path.join(dir, 'kindred.db')}`;

async function kindred(name: string, checkout: string, env: NodeJS.ProcessEnv = {}) {
  const armUrl = `sqlite:${armDatabaseFile(path.join(dir, 'kindred.db'), name)}`;
  const { child, base: url } = await startKindredServer({ name: `${name} server`, checkout, databaseUrl: armUrl, keyFile: path.join(dir, 'kindred.key'), env });
  const auth = await signIn(url, s.benchUser);
  return { name, child, url, headers: { cookie: auth.cookie, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } };
}

const handle = openDatabase(databaseUrl);
const userIds = (await handle.db.selectFrom('users').select('id').orderBy('id').limit(64).execute()).map((r) => r.id);
await handle.close();
const scenarios = (
  [
    ['thread', s.readThreadIds.map((id) => `/api/threads/${id}?limit=21`)],
    ['latest', ['/api/threads?list=latest']],
    ['spaces', ['/api/spaces']],
    ['profile', userIds.map((id) => `/api/users/${id}`)],
    // Not by default: a signed-in request that does next to nothing (the fixed cost of every request).
    ...(only?.includes('health') ? [['health', ['/api/health']] as [string, string[]]] : []),
  ] as [string, string[]][]
).filter(([k]) => !only || only.includes(k));

const arms: Awaited<ReturnType<typeof kindred>>[] = [];
const armSpecs = option('arms');
if (armSpecs) {
  for (const { name, checkout, env } of parseArms(armSpecs)) arms.push(await kindred(name, path.resolve(checkout), env));
} else {
  if (base) arms.push(await kindred('base', path.resolve(base)));
  arms.push(await kindred('new', root));
}

// The ceiling answers each scenario's first response, byte for byte (as `npm run bench` does, with its response nearest the mean size).
const bodies: Record<string, { status: number; body: string }> = {};
for (const [key, urls] of scenarios) {
  const res = await fetch(arms[arms.length - 1]!.url + urls[0], { headers: arms[arms.length - 1]!.headers });
  bodies[key] = { status: res.status, body: await res.text() };
}
const bodiesFile = path.join(makeTempDir('kindred-http-cpu-'), 'bodies.json');
fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
const cport = await freePort();
const ceilingChild = startProcess('ceiling server', ['bench/ceiling-server.ts', bodiesFile, String(cport)], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' } });
const ceilingUrl = `http://127.0.0.1:${cport}`;
await waitFor(`${ceilingUrl}/hello`);

type Target = { name: string; child: ChildProcess; url: string; paths: (key: string, urls: string[]) => string[]; headers: Record<string, string> };
const targets: Target[] = [
  { name: 'ceiling', child: ceilingChild, url: ceilingUrl, paths: (key) => [`/size/${key}`], headers: arms[0]!.headers },
  ...arms.map((a) => ({ ...a, paths: (_key: string, urls: string[]) => urls })),
];

async function drive(t: Target, key: string, urls: string[], seconds: number) {
  const requests = t.paths(key, urls).map((p) => ({ method: 'GET' as const, path: p, headers: t.headers }));
  const cpu0 = cpuSecondsOf(t.child.pid);
  const res = await autocannon({ url: t.url, connections: 10, duration: seconds, requests });
  const cpu = cpuSecondsOf(t.child.pid) - cpu0;
  if (res.non2xx) throw new Error(`${t.name} ${key}: ${res.non2xx} non-2xx`);
  return { rps: res.requests.average, cpuUs: (cpu * 1e6) / res.requests.total };
}

const results = await interleave({
  scenarios,
  arms: targets,
  rounds: ROUNDS,
  warmUp: ([key, urls], t) => drive(t, key, urls, 1),
  measure: ([key, urls], t) => drive(t, key, urls, SECONDS),
});
console.log(`HTTP, 10 connections, ${ROUNDS} rounds × ${SECONDS} s, medians; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const scenario of scenarios) {
  const [key] = scenario;
  const ceiling = targets[0]!;
  const c = results.of(scenario, ceiling);
  const parts = targets.slice(1).map((t) => {
    const xs = results.of(scenario, t);
    const cpuRatio = median(results.ratios(scenario, ceiling, t, (x) => x.cpuUs));
    const rpsRatio = median(results.ratios(scenario, t, ceiling, (x) => x.rps));
    return `${t.name} ${Math.round(median(xs.map((x) => x.cpuUs)))} µs, ${Math.round(median(xs.map((x) => x.rps)))} req/s (CPU ratio ${cpuRatio.toFixed(3)}, req/s ratio ${rpsRatio.toFixed(3)})`;
  });
  // Between the first arm (--base) and each other: CPU per request, arm over first arm, round by round.
  const versus = targets.slice(2).map((t) => ratioNote(`CPU ${t.name}/${targets[1]!.name}`, results.ratios(scenario, t, targets[1]!, (x) => x.cpuUs))).join('');
  console.log(`${key.padEnd(8)} ${bodies[key]!.body.length} B  ceiling ${Math.round(median(c.map((x) => x.cpuUs)))} µs, ${Math.round(median(c.map((x) => x.rps)))} req/s | ${parts.join(' | ')}${versus}`);
}
for (const t of targets) await stopProcess(t.child);
