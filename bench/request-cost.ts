/**
 * The fixed cost of a request, layer by layer: bare Fastify answering a precomputed body, then the
 * same route with each part of Kindred's request pipeline added in turn, in the order app.ts adds
 * them (logger, error handling, compression, security headers, cookies, CSRF, rate limit,
 * WebSocket plugin, session, CSRF check, per-account write limit, metrics), and the whole app's
 * `/api/health` beside them. A signed-in GET (the session cookie and the CSRF cookie of a real
 * sign-in on the seeded database of `bench/read-paths.ts`), in one process through `app.inject`;
 * CPU per request of the main thread (`/proc/self/task/<pid>/schedstat`: GC on the main thread included,
 * its helper threads not) over rounds of `n` requests, every stage
 * once per round in turn (A/B/C… interleaved), medians. The marginal cost of a stage is its
 * median minus the previous stage's.
 *
 *   node --expose-gc --import tsx bench/request-cost.ts [--db DIR] [--n 500] [--rounds 15] [--raw]
 *
 * `--before` (default) the pipeline as it was before ADR 026, hook by hook (rebuilt here); `--after` as
 * app.ts installs it now; `--both` both arms, interleaved. `--als` enables an AsyncLocalStorage first
 * (as every process did after its first unit of work before ADR 026).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AsyncLocalStorage } from 'node:async_hooks';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { build, type KindredApp } from '../src/server/app.js';
import { installJsonCompression } from '../src/server/platform/compression.js';
import { installErrorHandling } from '../src/server/platform/http-errors.js';
import { BODY_LIMIT_BYTES, installJsonBodyParser } from '../src/server/platform/json-body.js';
import { loggerOptions } from '../src/server/platform/logger.js';
import { HttpMetrics, installMetrics } from '../src/server/platform/metrics.js';
import fastifyRateLimit from '@fastify/rate-limit';
import { registerRateLimits } from '../src/server/platform/rate-limits.js';
import { installRequestPipeline } from '../src/server/platform/request-pipeline.js';
import { helmetHeaders } from '../src/server/platform/security-headers.js';
import { SESSION_COOKIE, setSessionCookie } from '../src/server/platform/session-cookie.js';
import { interleave } from './ab.js';
import { benchConfig, flag, mainThreadCpuSeconds, median, option, signInInProcess } from './harness.js';
import { seededIn } from './seed.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-read-paths');
const N = Number(option('n') ?? 500);
const ROUNDS = Number(option('rounds') ?? 15);

const s = seededIn(dir);
const config = benchConfig(`sqlite:${path.join(dir, 'kindred.db')}`, path.join(dir, 'kindred.key'));
const real: KindredApp = await build({ config, pollMs: 0 });
const { accounts, keyring } = real.kindred;

// A real sign-in: the session cookie and the signed CSRF cookie a browser sends with every read.
const { cookie } = await signInInProcess(real, s.benchUser);
// The space list's body (a short read: the fixed cost is most of it).
const body = Buffer.from((await real.inject({ method: 'GET', url: '/api/spaces', headers: { cookie } })).body, 'utf8');

const devNull = new Writable({ write: (_c, _e, cb) => cb() });

const helmetOptions = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null } }, crossOriginEmbedderPolicy: false, referrerPolicy: { policy: 'no-referrer' as const } };
const headers = helmetHeaders(helmetOptions);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Layer = (app: FastifyInstance) => Promise<void> | void;
/** The pipeline as it was before ADR 026 (main at 9e227e4), hook by hook, with the same plugins and options. */
const before: [string, Layer][] = [
  ['error handler, 404, body parser', (app) => {
    installErrorHandling(app);
    installJsonBodyParser(app);
  }],
  ['compression (async onSend)', (app) => {
    app.addHook('onSend', async (_req, reply, payload) => {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
      if (Buffer.byteLength(payload) < 1024) return payload;
      if (reply.hasHeader('content-disposition')) return payload;
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
      return payload; // (no Accept-Encoding in this bench: never compressed)
    });
  }],
  ['security headers (onRequest)', (app) => {
    app.addHook('onRequest', (_req, reply, done) => {
      reply.headers(headers);
      done();
    });
  }],
  ['@fastify/cookie (parse onRequest, onSend)', async (app) => {
    await app.register(fastifyCookie, { secret: keyring.cookieSecret });
  }],
  ['@fastify/csrf-protection (registered)', async (app) => {
    await app.register(fastifyCsrf, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true }, getToken: (req) => req.headers['x-csrf-token'] as string | undefined });
  }],
  ['@fastify/rate-limit global, per address (async route onRequest)', async (app) => {
    await app.register(fastifyRateLimit, { global: true, skipOnError: true, max: config.rateLimitPerMinute, timeWindow: '1 minute' });
  }],
  ['@fastify/websocket (onRequest, onResponse)', async (app) => {
    await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });
  }],
  ['session (cached; async onRequest)', (app) => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const session = token ? await accounts.resolveRequestSession(token, { mayRotate: !req.headers.upgrade }) : null;
      req.actor = session?.actor ?? null;
      if (session?.newToken) setSessionCookie(reply, req, session.newToken);
    });
  }],
  ['CSRF check onRequest (skips GET)', (app) => {
    app.addHook('onRequest', (req, reply, done) => {
      if (READS.has(req.method)) return done();
      app.csrfProtection(req, reply, done);
    });
  }],
  ['per-account write limit (async onRequest, skips GET)', (app) => {
    const check = app.createRateLimit({ max: config.writeRateLimitPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `account:${req.actor!.userId}` });
    app.addHook('onRequest', async (req) => {
      if (!req.actor || READS.has(req.method)) return;
      await check(req);
    });
  }],
  ['metrics (async onResponse, label text per request)', (app) => {
    const series = new Map<string, { count: number; sum: number }>();
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? '(unmatched)';
      const labels = `method="${req.method.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}",route="${route.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}",status="${Math.floor(reply.statusCode / 100)}xx"`;
      let s = series.get(labels);
      if (!s) series.set(labels, (s = { count: 0, sum: 0 }));
      s.count += 1;
      s.sum += reply.elapsedTime / 1000;
    });
  }],
];

/** The pipeline as app.ts installs it now (ADR 026), in the same order. */
const after: [string, Layer][] = [
  ['error handler, 404, body parser', before[0]![1]],
  ['compression (callback onSend)', (app) => installJsonCompression(app)],
  ['@fastify/cookie, csrf-protection, rate-limit (per route only), websocket', async (app) => {
    await app.register(fastifyCookie, { secret: keyring.cookieSecret });
    await before[4]![1](app);
    (app as unknown as { limits: unknown }).limits = await registerRateLimits(app, config);
    await before[6]![1](app);
  }],
  ['request pipeline: headers, session, CSRF, limits (one callback onRequest)', (app) => {
    installRequestPipeline(app, { headers, sessions: accounts, limits: (app as unknown as { limits: Parameters<typeof installRequestPipeline>[1]['limits'] }).limits, holdsKey: async () => false });
  }],
  ['metrics (callback onResponse, series pre-resolved)', (app) => installMetrics(app, { db: real.kindred.database.db, clock: real.kindred.clock, http: new HttpMetrics(), websocketConnections: () => 0, websocketSlowClosed: () => 0, token: undefined, crisisEventTypes: [] })],
];

/** Bare Fastify (the ceiling's), or with Kindred's logger (pino at warn: a child per request, nothing written) and the first `upTo` layers. */
async function stage(layers: [string, Layer][], withLogger: boolean, upTo: number): Promise<FastifyInstance> {
  const app = withLogger
    ? Fastify({ logger: loggerOptions('warn', devNull), bodyLimit: BODY_LIMIT_BYTES, genReqId: () => crypto.randomUUID() })
    : Fastify({ logger: false });
  for (const [, layer] of layers.slice(0, upTo)) await layer(app);
  app.get('/x', (_req, reply) => reply.code(200).type('application/json; charset=utf-8').send(body));
  await app.ready();
  return app;
}

const which = flag('after') ? 'after' : flag('both') ? 'both' : 'before';
const stages: [string, FastifyInstance][] = [['bare Fastify (no logger)', await stage([], false, 0)], ['+ logger (pino warn, child per request, genReqId)', await stage([], true, 0)]];
if (which !== 'after') for (let i = 1; i <= before.length; i++) stages.push([`before + ${before[i - 1]![0]}`, await stage(before, true, i)]);
if (which !== 'before') for (let i = 1; i <= after.length; i++) stages.push([`after + ${after[i - 1]![0]}`, await stage(after, true, i)]);

// Sanity: each arm's last stage knows the member (the session hook ran) and sets the security and limit headers.
for (const [name, app] of stages.filter(([n], i) => i === stages.length - 1 || (n.startsWith('before') && !stages[i + 1]?.[0].startsWith('before')))) {
  const check = await app.inject({ method: 'GET', url: '/x', headers: { cookie } });
  if (check.statusCode !== 200 || !check.headers['content-security-policy'] || !check.headers['x-ratelimit-limit']) throw new Error(`${name}: did not run its layers`);
}
// `--als`: as the real app runs after its first unit of work before ADR 026: an AsyncLocalStorage enabled (every Promise hooked).
if (flag('als')) await new AsyncLocalStorage().run({}, async () => undefined);

const gc = (globalThis as { gc?: () => void }).gc;
const run = async (app: FastifyInstance, url: string, n: number) => {
  // A full collection first (with --expose-gc), so no round pays for an old generation that the ones before it filled.
  gc?.();
  const t0 = mainThreadCpuSeconds();
  for (let i = 0; i < n; i++) {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
  }
  return ((mainThreadCpuSeconds() - t0) * 1e6) / n;
};

// `--summary`: bare Fastify and each arm's whole pipeline only (more rounds in the same time).
const lastOf = (arm: string) => stages.filter(([n]) => n.startsWith(arm)).at(-1)?.[0];
const measured = flag('summary') ? stages.filter(([n], i) => i === 0 || n === lastOf('before') || n === lastOf('after')) : stages;
const all: [string, FastifyInstance, string][] = [...measured.map(([name, app]) => [name, app, '/x'] as [string, FastifyInstance, string]), ['the whole app: GET /api/spaces', real, '/api/spaces'], ['the whole app: GET /api/health (one SELECT 1)', real, '/api/health']];
// One scenario: each stage is an arm, with its own URL.
const samples = await interleave({
  scenarios: ['GET'],
  arms: all,
  rounds: ROUNDS,
  warmUp: (_s, [, app, url]) => run(app, url, Math.min(N, 1000)),
  measure: (_s, [, app, url]) => run(app, url, N),
});
const results = new Map(all.map((stage) => [stage[0], samples.of('GET', stage)]));
let previous: number | null = null;
console.log(`CPU per signed-in GET, main thread, in process (app.inject), median of ${ROUNDS} rounds of ${N}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
for (const [name] of all) {
  const m = median(results.get(name)!);
  const startsArm = name.startsWith('after + ') && all.find(([n]) => n.startsWith('after + '))![0] === name;
  const base = startsArm && results.has(stages[1]![0]) ? median(results.get(stages[1]![0])!) : previous;
  const delta = base !== null && !name.startsWith('the whole app') ? `  (+${(m - base).toFixed(1)})` : '';
  console.log(`${m.toFixed(1).padStart(7)} µs${delta.padEnd(10)}  (min ${Math.min(...results.get(name)!).toFixed(1)})  ${name}`);
  if (!name.startsWith('the whole app')) previous = m;
}
const bare = median(results.get(stages[0]![0])!);
for (const arm of ['before', 'after']) {
  const last = stages.filter(([n]) => n.startsWith(arm)).at(-1);
  if (last && results.has(last[0])) console.log(`${arm}: pipeline over bare Fastify ${(median(results.get(last[0])!) - bare).toFixed(1)} µs`);
}
for (const [, app] of stages) await app.close();
await real.close();
if (flag('raw')) for (const [name] of all) console.log(name.slice(0, 30).padEnd(30), results.get(name)!.map((x) => x.toFixed(0)).join(' '));
