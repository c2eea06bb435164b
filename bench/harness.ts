/**
 * What the benchmarks share: child processes (the real server as production runs it, ceilings,
 * load drivers, the web build), temp directories, waiting for them, their CPU, signed-in
 * WebSocket clients, the statistics, and the clock of the run's phases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import type { BuildOptions, KindredApp } from '../src/server/app.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ── the command line ──────────────────────────────────────────────────────────────
const argv = process.argv.slice(2);
/** Whether `--name` is on the command line. */
export const flag = (name: string): boolean => argv.includes(`--${name}`);
/** The word after `--name` on the command line (the `nth` after it, for an option of several words), if it is there. */
export function option(name: string, nth = 1): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + nth] : undefined;
}

/**
 * `--db-per-arm`: the SQLite file an A/B arm named `name` opens: its own copy of the seeded `file`
 * (made afresh each run), for arms whose migrations differ (one arm's migration would make the other
 * refuse a shared file). Without the flag, the seeded file itself, shared by every arm.
 */
export function armDatabaseFile(file: string, name: string): string {
  if (!argv.includes('--db-per-arm')) return file;
  const copy = path.join(path.dirname(file), `arm-${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

export const round1 = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** The q-quantile (nearest rank) of the samples. */
export const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

// ── processes ─────────────────────────────────────────────────────────────────────
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
const stopping = new WeakSet<ChildProcess>();
const tempDirs = new Set<string>();
// Whatever way the benchmark ends (done, failed, Ctrl-C), no child or temp directory outlives it.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Kills `child` with this process if it is still running then (for children started elsewhere, e.g. nginx). */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A fresh temp directory, removed by `removeTempDir` or, at the latest, when this process exits. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}
export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  nodeFlags?: string[];
  /**
   * Raise the open-files limit of the child to this (through `ulimit -n`, as far as the hard
   * limit allows): thousands of sockets need as many descriptors.
   */
  maxOpenFiles?: number;
  /** Lines of the child's stdout, as they come (the rest is kept for an error report). */
  onLine?: (line: string) => void;
}

/**
 * `node <flags> --import tsx <argv>`: what `tsx <argv>` runs, but as one process (the tsx CLI
 * would fork a second one), so node flags apply to it and stopping it leaves nothing behind.
 * A child that dies on its own ends the benchmark, with its last output: its figures would be lies.
 */
export function startProcess(name: string, argv: string[], o: StartOptions): ChildProcess {
  const node = [process.execPath, ...(o.nodeFlags ?? []), '--import', 'tsx', ...argv];
  const child = o.maxOpenFiles
    ? spawn('/bin/sh', ['-c', `ulimit -n ${o.maxOpenFiles} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`, 'sh', ...node], { cwd: root, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(node[0]!, node.slice(1), { cwd: root, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let partial = '';
  child.stdout!.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
    if (!o.onLine) return;
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) o.onLine(line);
  });
  child.stderr!.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (stopping.has(child) || code === 0) return;
    console.error(`\n${name} exited (${code ?? signal}):\n${out}`);
    process.exit(1);
  });
  children.add(child);
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/**
 * The production web build (dist/web), which the server builds on its first start if it is
 * missing: started here in the background so that it runs beside the seeding (setup beside setup,
 * nothing is measured meanwhile) instead of inside the first server's start. Resolves at once
 * when the build is there.
 */
export function buildWebIfNeeded(log: (line: string) => void = console.log): Promise<void> {
  if (fs.existsSync(path.join(root, 'dist/web/index.html'))) return Promise.resolve();
  log('building the production web app (beside the seeding)…');
  const child = track(spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code})`))));
  });
}

/** Resolves once `url` answers 2xx. */
export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// ── CPU ───────────────────────────────────────────────────────────────────────────
// Every CPU figure of the benchmarks is read here: a child's or another program's process from
// /proc, this process from Node, so that all of them count the same (user + system, all threads).

/**
 * CPU seconds (user + system, all threads) used so far by process `pid`, from /proc/<pid>/stat
 * (Linux; clock ticks of 10 ms, so measure over a second or more); 0 elsewhere, or once it is gone.
 */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and parentheses): utime and stime are fields 14 and 15, 12 and 13 here.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, all threads: GC and helper threads included) this process has used so far, to the µs. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds of this process's main thread alone, to the ns (/proc schedstat): GC on the main thread included, helper threads not. */
export function mainThreadCpuSeconds(): number {
  return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
}

/** Starts a V8 CPU profile of this process (a sample every 100 µs); the function returned stops it and writes it to `file`. */
export async function startCpuProfile(file: string): Promise<() => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

export interface KindredServer {
  child: ChildProcess;
  base: string;
}

/**
 * The real server as production runs it (`src/server/main.ts` of this checkout or of `checkout`,
 * NODE_ENV=production, warnings only), on a free port, healthy when this resolves. Every
 * benchmark request comes from 127.0.0.1, so the per-IP and per-account limits are raised out of the way.
 */
export async function startKindredServer(o: { databaseUrl: string; keyFile: string; env?: NodeJS.ProcessEnv; nodeFlags?: string[]; maxOpenFiles?: number; checkout?: string; name?: string }): Promise<KindredServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startProcess(o.name ?? 'kindred server', [path.join(o.checkout ?? root, 'src/server/main.ts')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: o.databaseUrl,
      KINDRED_KEY_FILE: o.keyFile,
      LOG_LEVEL: 'warn',
      KINDRED_RATE_LIMIT_PER_MINUTE: '100000000',
      KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
      ...o.env,
    },
    ...(o.nodeFlags ? { nodeFlags: o.nodeFlags } : {}),
    ...(o.maxOpenFiles ? { maxOpenFiles: o.maxOpenFiles } : {}),
  });
  await waitFor(`${base}/api/health`);
  return { child, base };
}

// ── the app in this process ───────────────────────────────────────────────────────
/** The configuration of a benchmark's app: warnings only, no Redis, and (all its requests come from one member) the rate limits out of the way. */
export function benchConfig(databaseUrl: string, keyFile: string) {
  return { databaseUrl, keyFile, logLevel: 'warn' as const, rateLimitPerMinute: 100_000_000, writeRateLimitPerMinute: 100_000_000, redisUrl: undefined };
}

/**
 * The app of `checkout` (this one, `root`, or another for an A/B run) built in this process on
 * `benchConfig`, its timers off (`pollMs: 0`: the outbox is dispatched after each commit).
 */
export async function buildApp(checkout: string, o: { databaseUrl: string; keyFile: string } & Omit<BuildOptions, 'config'>): Promise<KindredApp> {
  const { databaseUrl, keyFile, ...options } = o;
  const { build } = (await import(pathToFileURL(path.join(checkout, 'src/server/app.ts')).href)) as { build: (o: BuildOptions) => Promise<KindredApp> };
  return build({ config: benchConfig(databaseUrl, keyFile), pollMs: 0, ...options });
}

/** `signIn` through `app.inject`: the member's cookies and a CSRF token for writes. */
export async function signInInProcess(app: KindredApp, user: { handle: string; password: string }): Promise<{ cookie: string; csrf: string }> {
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
    payload: JSON.stringify(user),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in ${res.statusCode} ${res.body}`);
  take(res);
  const csrfRes = await app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: [...jar.values()].join('; ') } });
  take(csrfRes);
  return { cookie: [...jar.values()].join('; '), csrf: csrfRes.json<{ token: string }>().token };
}

// ── clients ───────────────────────────────────────────────────────────────────────
export function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** A CSRF token and its cookie for a visitor who is not signed in (what the sign-in form sends). */
export async function csrfForAnonymous(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const { token } = (await res.json()) as { token: string };
  return { cookie: cookiesFrom(res).join('; '), csrf: token };
}

/** Signs a member in through the API as the web client does; returns the cookies and a CSRF token for writes. */
export async function signIn(base: string, user: { handle: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  // Like the web client: a CSRF token first (sign-in is a state change too), then the session.
  const pre = await csrfForAnonymous(base);
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pre.cookie, 'x-csrf-token': pre.csrf },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const jar = new Map<string, string>();
  for (const c of [...pre.cookie.split('; '), ...cookiesFrom(res)]) jar.set(c.split('=')[0]!, c);
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: [...jar.values()].join('; ') } });
  const { token } = (await csrfRes.json()) as { token: string };
  for (const c of cookiesFrom(csrfRes)) jar.set(c.split('=')[0]!, c);
  return { cookie: [...jar.values()].join('; '), csrf: token };
}

export interface Client {
  cookie: string;
  csrf: string;
  socket: WebSocket;
}

/**
 * A signed-in browser tab: the session cookie of `token`, a CSRF token when it will write, and a
 * WebSocket on /api/realtime, subscribed to `room` (answered `subscribed`) when one is named.
 */
export async function connect(base: string, token: string, room: string | null, withCsrf: boolean): Promise<Client> {
  let cookie = `kindred_session=${token}`;
  let csrf = '';
  if (withCsrf) {
    const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
    if (res.ok) {
      csrf = ((await res.json()) as { token: string }).token;
      cookie = [cookie, ...cookiesFrom(res)].join('; ');
    }
  }
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/realtime`, { headers: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  if (room) await subscribe(socket, room);
  return { cookie, csrf, socket };
}

/** Asks for a room and resolves when the server confirms it. */
export function subscribe(socket: WebSocket, room: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subscribe ${room}: no answer`)), 30_000);
    const onMessage = (raw: WebSocket.RawData) => {
      const msg = JSON.parse(String(raw)) as { type: string; room?: string };
      if (msg.room !== room) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      if (msg.type === 'subscribed') resolve();
      else reject(new Error(`subscribe ${room}: ${msg.type}`));
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'subscribe', room }));
  });
}

// ── the run's phases ──────────────────────────────────────────────────────────────
export interface PhaseTime {
  name: string;
  /** Wall-clock seconds (summed when a phase is timed several times, e.g. once per round). */
  seconds: number;
  /** CPU seconds of this process meanwhile (children, such as the server, not included). */
  cpuSeconds: number;
}

/**
 * Where a benchmark run's minutes go: wall-clock (and this process's CPU) seconds per named phase
 * (seeding, a server's start, each scenario's rounds, its ceiling's rounds, opening sockets, …),
 * printed at the end of the run. Phases timed under the same name add up.
 */
export class PhaseClock {
  readonly phases: PhaseTime[] = [];
  private readonly started = performance.now();

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const cpu0 = ownCpuSeconds();
    try {
      return await work();
    } finally {
      this.record(name, (performance.now() - t0) / 1000, ownCpuSeconds() - cpu0);
    }
  }

  record(name: string, seconds: number, cpuSeconds = 0): void {
    const known = this.phases.find((p) => p.name === name);
    if (known) {
      known.seconds += seconds;
      known.cpuSeconds += cpuSeconds;
    } else this.phases.push({ name, seconds, cpuSeconds });
  }

  /** Seconds since the clock was made. */
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** One line per phase, in the order they first ran: wall seconds, share of the run, CPU seconds. */
  lines(): string[] {
    const total = this.elapsed();
    const width = Math.max(0, ...this.phases.map((p) => p.name.length));
    return this.phases.map(
      (p) => `  ${p.name.padEnd(width)}  ${p.seconds.toFixed(1).padStart(6)} s  ${`${Math.round((100 * p.seconds) / total)} %`.padStart(5)}  (this process's CPU ${p.cpuSeconds.toFixed(1)} s)`,
    );
  }
}
