/**
 * Realtime at scale, on one instance: 10,000 signed-in WebSockets open at once; 1,000 of them
 * watch one thread (a busy evening in the most popular thread of the seeded data); another member
 * replies there, first one reply at a time (each once the last reached everyone: the latency
 * without a queue), then at a steady 5 replies/s. For every reply and every watching socket: the
 * time from the reply's POST being sent to the `community.post_created` event arriving on that
 * socket (screen, store, notify the thread's followers, outbox, bus, fan-out, network) — p50 / p99 /
 * max over all deliveries, target p99 < 100 ms — and when the POST was answered. Memory per idle connection: the server's RSS and V8 heap (from its /metrics) before
 * and after opening the 10,000, divided by 10,000. Idle memory is read as the lowest of a few
 * samples, but an idle process collects garbage lazily: take it as an upper bound.
 *
 * Baseline in the same run, alternating round by round: a bare `ws` server (node:http + ws, its
 * own process, no sessions, rooms, database or outbox) holding 10,000 sockets for its memory
 * figure, then its 1,000 watchers (one load process cannot hold 20,000 under the usual hard limit of open files), which on the same
 * POST broadcasts the very bytes of Kindred's event (a fresh post id each time) to its 1,000
 * subscribed sockets and answers with a body of the size Kindred answers. Ratios are baseline /
 * Kindred (1 = as fast, or as lean, as the bare transport).
 *
 * Processes: the server and the baseline each in their own; the sockets are held and timed by a
 * load process (this file with `--load`), which `benchRealtime` (called by bench/run.ts) starts
 * with `ulimit -n 65536` (or the hard limit, if lower), as are the servers: 10,000 sockets need
 * more descriptors than the usual 1,024. Sessions are seeded through the accounts repository
 * (bench/seed.ts `seedSignedInMembers`), not signed in: 10,000 Argon2id hashes would take minutes.
 *
 * Then the same for a group chat: a message to a support group of GROUP_SIZE members, each with a
 * tab open on the group (sockets among the same 10,000), timed from the POST to the
 * `group.message_created` event on every member's socket, against the bare server broadcasting
 * that event's bytes to as many sockets.
 *
 *   npx tsx bench/realtime.bench.ts [--quick] [--db postgres]
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { dropPostgresSchema } from '../src/server/platform/db.js';
import type { Figure } from './figure.js';
import { connect, cpuSecondsOf, freePort, makeTempDir, PhaseClock, quantile, removeTempDir, round1, startKindredServer, startProcess, stopProcess, subscribe, waitFor, type PhaseTime } from './harness.js';
import { sampleReplyBodies, seed, seedSignedInMembers, seedSupportGroup, type SeedResult } from './seed.js';

const CONNECTIONS = 10_000;
const WATCHERS = 1_000;
/** A large support group, or a program's group chat: every member has the group open. */
const GROUP_SIZE = 50;
/** A very busy thread (300 replies a minute): well below what one instance writes, so the figure is the latency, not a queue. */
const REPLIES_PER_SECOND = 5;
const OPEN_FILES = 65_536;
const ID_LENGTH = 36;

/** One kind of write whose event the bench times on every socket in its room. */
interface Write {
  /** POST path on Kindred; the baseline server tells the room from it too. */
  path: string;
  body: (k: number) => unknown;
  /** The new object's id in the POST's answer. */
  idOf: (answer: string) => string;
  /** How each delivery is told apart: the id follows this in the event. */
  marker: Buffer;
}

const threadReply = (threadId: string): Write => {
  const bodies = sampleReplyBodies(64);
  return {
    path: `/api/threads/${threadId}/posts`,
    body: (k) => ({ body: bodies[k % bodies.length] }),
    idOf: (answer) => (JSON.parse(answer) as { post: { id: string } }).post.id,
    marker: Buffer.from('"post":{"id":"'),
  };
};

const groupMessage = (groupId: string): Write => {
  const bodies = sampleReplyBodies(64, 11);
  return {
    path: `/api/groups/${groupId}/messages`,
    body: (k) => ({ body: bodies[k % bodies.length]!.slice(0, 1000) }),
    idOf: (answer) => (JSON.parse(answer) as { message: { id: string } }).message.id,
    marker: Buffer.from('"messageId":"'),
  };
};

/** The room a POST path speaks to (the baseline's routing): a thread's or a group's. */
function roomOfPath(url: string): string | null {
  const m = /^\/api\/(threads|groups)\/([^/]+)\/(posts|messages)$/.exec(url);
  return m ? `${m[1] === 'threads' ? 'thread' : 'group'}:${m[2]}` : null;
}

interface Sample {
  event: string;
  answer: string;
  id: string;
}

export interface RealtimeBenchOptions {
  quick: boolean;
  db?: 'sqlite' | 'postgres';
  pgUrl?: string;
  log?: (line: string) => void;
  /** Where the phases' times go (the load process's, as "realtime: …"). */
  clock?: PhaseClock;
}

/**
 * The seeded database the load process runs on: 10k replies (bench/seed.ts), CONNECTIONS + 1
 * signed-in members (the last one writes) and a support group. Made by `prepareRealtime` in the
 * runner's setup phase (beside the web build and the other seeds), or by the load process itself
 * when it runs alone.
 */
export interface PreparedRealtime {
  dbKind: 'sqlite' | 'postgres';
  /** What the server is given as DATABASE_URL. */
  serverUrl: string;
  tmp: string;
  threadId: string;
  threads: number;
  replies: number;
  groupId: string;
  /** Session tokens: CONNECTIONS readers, then the member who writes. */
  tokens: string[];
  seconds: number;
}

/**
 * Seeds the realtime bench's database. With `from` (a SQLite file seeded with 10k replies by
 * bench/seed.ts, and what seeding it returned), a copy of that file stands for the 10k seed.
 */
export async function prepareRealtime(o: { db: 'sqlite' | 'postgres'; pgUrl?: string; log?: (line: string) => void; from?: { file: string; seeded: SeedResult } }): Promise<PreparedRealtime & { dispose: () => Promise<void> }> {
  const log = o.log ?? console.log;
  const t0 = performance.now();
  const pgUrl = o.pgUrl ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const tmp = makeTempDir('kindred-rt-bench-');
  const schema = `bench_rt_${process.pid}`;
  const databaseUrl = o.db === 'sqlite' ? `sqlite:${path.join(tmp, 'kindred.db')}` : pgUrl;
  const pgSchema = o.db === 'postgres' ? schema : undefined;
  let seeded: SeedResult;
  if (o.from && o.db === 'sqlite') {
    log(`[realtime, ${o.db}] a copy of the 10k-reply database, and ${CONNECTIONS.toLocaleString('en')} signed-in members…`);
    fs.copyFileSync(o.from.file, path.join(tmp, 'kindred.db'));
    seeded = o.from.seeded;
  } else {
    log(`[realtime, ${o.db}] seeding 10k replies and ${CONNECTIONS.toLocaleString('en')} signed-in members…`);
    seeded = await seed({ databaseUrl, pgSchema, replies: 10_000 });
  }
  const members = await seedSignedInMembers({ databaseUrl, pgSchema, n: CONNECTIONS + 1 });
  // The group's members have tabs among the idle sockets (after the thread's watchers); the poster is one of them.
  const groupMemberIds = members.userIds.slice(WATCHERS, WATCHERS + GROUP_SIZE);
  const { groupId } = await seedSupportGroup({ databaseUrl, pgSchema, memberIds: [...groupMemberIds, members.userIds[CONNECTIONS]!] });
  log(`  ${seeded.threads} threads, ${seeded.replies} replies; ${members.tokens.length} sessions in ${round1(members.seconds)} s; a group of ${GROUP_SIZE + 1}`);
  return {
    dbKind: o.db,
    serverUrl: o.db === 'sqlite' ? databaseUrl : `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    tmp,
    threadId: seeded.readThreadIds[0]!,
    threads: seeded.threads,
    replies: seeded.replies,
    groupId,
    tokens: members.tokens,
    seconds: (performance.now() - t0) / 1000,
    dispose: async () => {
      if (o.db === 'postgres') await dropPostgresSchema(pgUrl, schema).catch(() => undefined);
      removeTempDir(tmp);
    },
  };
}

/** Runs the load process under a raised open-files limit (on `prepared`, or seeding its own) and returns its figures. */
export async function benchRealtime(o: RealtimeBenchOptions, prepared?: PreparedRealtime): Promise<Figure[]> {
  const dir = makeTempDir('kindred-realtime-run-');
  try {
    const out = path.join(dir, 'out.json');
    const seededFile = path.join(dir, 'seeded.json');
    if (prepared) fs.writeFileSync(seededFile, JSON.stringify(prepared));
    const child = startProcess('realtime load process', ['bench/realtime.bench.ts', '--load', out, '--db', o.db ?? 'sqlite', ...(o.quick ? ['--quick'] : []), ...(prepared ? ['--seeded', seededFile] : [])], {
      env: { ...process.env, ...(o.pgUrl ? { BENCH_PG_URL: o.pgUrl } : {}) },
      maxOpenFiles: OPEN_FILES,
      onLine: o.log ?? console.log,
    });
    const t0 = performance.now();
    await new Promise((resolve) => child.once('exit', resolve));
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { figures: Figure[]; phases: PhaseTime[] };
    for (const p of result.phases) o.clock?.record(`realtime: ${p.name}`, p.seconds, 0);
    const timed = result.phases.reduce((sum, p) => sum + p.seconds, 0);
    o.clock?.record('realtime: the rest (load process start, sockets closing, servers stopping)', (performance.now() - t0) / 1000 - timed, 0);
    return result.figures;
  } finally {
    removeTempDir(dir);
  }
}

// ── the baseline: a bare ws server (its own process: `--baseline <port> <samples.json>`) ──
async function runBaseline(port: number, samplesFile: string): Promise<void> {
  const samples = JSON.parse(fs.readFileSync(samplesFile, 'utf8')) as Record<string, Sample>;
  const rooms = new Map<string, Set<WebSocket>>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') return void res.end('ok');
    if (req.method === 'GET' && req.url === '/memory') return void res.end(JSON.stringify(process.memoryUsage()));
    const room = req.method === 'POST' ? roomOfPath(req.url ?? '') : null;
    const sample = room ? samples[room.split(':')[0]!] : undefined;
    if (!room || !sample) return void res.writeHead(404).end();
    req.resume();
    req.on('end', () => {
      const id = randomUUID();
      const frame = Buffer.from(sample.event.replaceAll(sample.id, id));
      for (const s of rooms.get(room) ?? []) s.send(frame, { binary: false });
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(sample.answer.replaceAll(sample.id, id));
    });
  });
  const wss = new WebSocketServer({ server, path: '/api/realtime', maxPayload: 16 * 1024 });
  wss.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; room: string };
      if (msg.type !== 'subscribe') return;
      let members = rooms.get(msg.room);
      if (!members) rooms.set(msg.room, (members = new Set()));
      members.add(socket);
      socket.send(JSON.stringify({ type: 'subscribed', room: msg.room }));
    });
    socket.on('close', () => {
      for (const members of rooms.values()) members.delete(socket);
    });
  });
  server.listen(port, '127.0.0.1');
}

// ── load ──────────────────────────────────────────────────────────────────────────
/** The soft open-files limit of this process (Linux), or Infinity when unknown. */
function openFilesLimit(): number {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}

async function metricsMemory(base: string, token: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: gauge('process_resident_memory_bytes'), heap: gauge('nodejs_heap_used_bytes') };
}

/** The lowest of a few samples a few hundred ms apart: garbage not yet collected only ever adds. */
async function idleMemory(read: () => Promise<{ rss: number; heap: number }>, samples = 6, gapMs = 400): Promise<{ rss: number; heap: number }> {
  let best = { rss: Infinity, heap: Infinity };
  for (let i = 0; i < samples; i++) {
    await new Promise((r) => setTimeout(r, gapMs));
    const m = await read();
    best = { rss: Math.min(best.rss, m.rss), heap: Math.min(best.heap, m.heap) };
  }
  return best;
}

/** Opens sockets `width` at a time; each resolves once open (and subscribed, for the first `watchers`). */
async function openSockets(base: string, tokens: string[], room: string, watchers: number, width = 100): Promise<{ sockets: WebSocket[]; seconds: number }> {
  const t0 = performance.now();
  const sockets: WebSocket[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i += width) {
    await Promise.all(
      tokens.slice(i, i + width).map(async (token, k) => {
        sockets[i + k] = (await connect(base, token, null, false)).socket;
      }),
    );
  }
  for (let i = 0; i < watchers; i += width) await Promise.all(sockets.slice(i, Math.min(i + width, watchers)).map((s) => subscribe(s, room)));
  return { sockets, seconds: (performance.now() - t0) / 1000 };
}

interface RunResult {
  /** ms from the POST being sent to the event's arrival, one per (reply, watching socket). */
  delivery: number[];
  /** ms from the POST being sent to its answer. */
  answered: number[];
  /** ms from the first watching socket to the last, per reply. */
  spread: number[];
  /** ms from the POST's answer to the event's arrival (negative: the event came first). */
  afterAnswer: number[];
  failed: number;
  lost: number;
  serverCpu: number;
  /**
   * This load process's CPU over the run, in cores: near 1, the sockets' reads queue in it and the
   * figure is the bench's own limit, not the server's (it reads every frame of 1,000 sockets).
   */
  loadCpu: number;
}

/**
 * `n` replies at `rate` per second, open loop (each sent on time, whether or not the last was
 * answered); or, with rate 0, one at a time: each sent once the last reached every watcher (the
 * latency without any queue, what a quiet deployment gives). Every arrival on the watching
 * sockets is timed as it is read.
 */
async function drive(base: string, poster: { cookie: string; csrf: string }, write: Write, watchers: WebSocket[], n: number, rate: number, serverPid: number | undefined): Promise<RunResult> {
  const arrivals = new Map<string, Float64Array>();
  const counts = new Map<string, number>();
  /** Called when a reply has reached every watcher. */
  const whenAllIn = new Map<string, () => void>();
  const listeners = watchers.map((socket, w) => {
    const onMessage = (raw: Buffer) => {
      const at = performance.now();
      const i = raw.indexOf(write.marker);
      if (i < 0) return;
      const id = raw.toString('latin1', i + write.marker.length, i + write.marker.length + ID_LENGTH);
      let times = arrivals.get(id);
      if (!times) arrivals.set(id, (times = new Float64Array(watchers.length).fill(NaN)));
      if (!Number.isNaN(times[w])) return;
      times[w] = at;
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      if (count === watchers.length) whenAllIn.get(id)?.();
    };
    socket.on('message', onMessage);
    return () => socket.off('message', onMessage);
  });
  /** Resolves once the reply reached every watcher, or 15 s on: what has not come by then is counted lost. */
  const allIn = (id: string) =>
    counts.get(id) === watchers.length
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 15_000);
          whenAllIn.set(id, () => (clearTimeout(timer), resolve()));
        });
  const posts: { id: string; sent: number; answered: number }[] = [];
  let failed = 0;
  const cpu0 = cpuSecondsOf(serverPid);
  const ownCpu0 = process.cpuUsage();
  const started = performance.now();
  const one = async (k: number) => {
    const sent = performance.now();
    const res = await fetch(`${base}${write.path}`, {
      method: 'POST',
      headers: { cookie: poster.cookie, 'x-csrf-token': poster.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(write.body(k)),
    });
    const text = await res.text();
    const answered = performance.now();
    if (res.status !== 201) {
      failed += 1;
      if (failed === 1) console.log(`  reply refused: ${res.status} ${text.slice(0, 200)}`);
      return;
    }
    const id = write.idOf(text);
    posts.push({ id, sent, answered });
    await allIn(id);
  };
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < n; k++) {
    if (rate === 0) {
      await one(k);
      continue;
    }
    const wait = started + (k * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(one(k));
  }
  await Promise.all(inflight);
  const serverCpu = (cpuSecondsOf(serverPid) - cpu0) / ((performance.now() - started) / 1000);
  const ownCpu = process.cpuUsage(ownCpu0);
  const loadCpu = (ownCpu.user + ownCpu.system) / 1000 / (performance.now() - started);
  for (const off of listeners) off();
  const delivery: number[] = [];
  const afterAnswer: number[] = [];
  const spread: number[] = [];
  let lost = 0;
  for (const p of posts) {
    const times = arrivals.get(p.id);
    let first = Infinity;
    let last = -Infinity;
    for (let w = 0; w < watchers.length; w++) {
      const t = times?.[w] ?? NaN;
      if (Number.isNaN(t)) {
        lost += 1;
        continue;
      }
      delivery.push(t - p.sent);
      afterAnswer.push(t - p.answered);
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    if (last >= first) spread.push(last - first);
  }
  return { delivery, afterAnswer, answered: posts.map((p) => p.answered - p.sent), spread, failed, lost, serverCpu, loadCpu };
}

async function runLoad(o: { quick: boolean; db: 'sqlite' | 'postgres'; out: string; seeded?: string }): Promise<void> {
  const log = console.log;
  const clock = new PhaseClock();
  const oneAtATime = o.quick ? 10 : 50;
  const atRate = o.quick ? 10 : 100;
  const rounds = 2;
  const needed = CONNECTIONS + WATCHERS + 500;
  if (openFilesLimit() < needed) throw new Error(`the realtime bench holds ${needed} sockets but may open ${openFilesLimit()} files: raise the limit (ulimit -n ${OPEN_FILES}, as root or within the hard limit)`);
  const procs: ChildProcess[] = [];
  const sockets: WebSocket[] = [];
  const loadBefore = os.loadavg()[0]!;
  let own: Awaited<ReturnType<typeof prepareRealtime>> | undefined;
  try {
    const data: PreparedRealtime = o.seeded ? (JSON.parse(fs.readFileSync(o.seeded, 'utf8')) as PreparedRealtime) : (own = await clock.time('seeding', () => prepareRealtime({ db: o.db })));
    log(`\n[realtime, ${o.db}] ${data.threads} threads, ${data.replies} replies, ${CONNECTIONS.toLocaleString('en')} signed-in members`);
    const members = { tokens: data.tokens };

    const metricsToken = randomUUID() + randomUUID();
    const kindred = await clock.time('server start', () =>
      startKindredServer({
        databaseUrl: data.serverUrl,
        keyFile: path.join(data.tmp, 'kindred.key'),
        env: { KINDRED_METRICS_TOKEN: metricsToken },
        maxOpenFiles: OPEN_FILES,
      }),
    );
    procs.push(kindred.child);
    const threadId = data.threadId;
    const groupId = data.groupId;
    const tmp = data.tmp;
    const room = `thread:${threadId}`;
    const groupRoom = `group:${groupId}`;
    const writes = { thread: threadReply(threadId), group: groupMessage(groupId) };

    // The member who writes, with a tab of their own in both rooms; warm-up writes (JIT, statement
    // cache) also give each event's bytes and the answer's size for the baseline.
    const poster = await connect(kindred.base, members.tokens[CONNECTIONS]!, room, true);
    await subscribe(poster.socket, groupRoom);
    sockets.push(poster.socket);
    const samples: Record<string, Sample> = {};
    const warmUp = performance.now();
    for (const [kind, write] of Object.entries(writes)) {
      const captured = new Promise<string>((resolve) => {
        const onMessage = (raw: Buffer) => {
          if (!raw.includes(write.marker)) return;
          poster.socket.off('message', onMessage);
          resolve(raw.toString());
        };
        poster.socket.on('message', onMessage);
      });
      for (let i = 0; i < (o.quick ? 10 : 20); i++) {
        const res = await fetch(`${kindred.base}${write.path}`, {
          method: 'POST',
          headers: { cookie: poster.cookie, 'x-csrf-token': poster.csrf, 'content-type': 'application/json' },
          body: JSON.stringify(write.body(i)),
        });
        const answer = await res.text();
        if (res.status !== 201) throw new Error(`warm-up ${kind}: ${res.status} ${answer.slice(0, 300)}`);
        if (!samples[kind]) {
          const event = await captured;
          const id = write.idOf(answer);
          if (!event.includes(`${write.marker.toString()}${id}"`)) throw new Error(`the ${kind} event does not carry the id where the bench looks for it: ${event.slice(0, 300)}`);
          samples[kind] = { event, answer, id };
        }
      }
    }
    // From here on the poster only writes: the watchers are the rooms.
    poster.socket.removeAllListeners('message');
    for (const r of [room, groupRoom]) poster.socket.send(JSON.stringify({ type: 'unsubscribe', room: r }));
    clock.record('warm-up writes', (performance.now() - warmUp) / 1000);
    const samplesFile = path.join(tmp, 'samples.json');
    fs.writeFileSync(samplesFile, JSON.stringify(samples));
    const bport = await freePort();
    const baseline = { base: `http://127.0.0.1:${bport}`, child: startProcess('baseline ws server', ['bench/realtime.bench.ts', '--baseline', String(bport), samplesFile], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' }, maxOpenFiles: OPEN_FILES }) };
    procs.push(baseline.child);
    await clock.time('baseline start', () => waitFor(`${baseline.base}/health`));

    // Memory per idle connection: before and after opening them all.
    const readKindred = () => metricsMemory(kindred.base, metricsToken);
    const readBaseline = async () => {
      const m = (await (await fetch(`${baseline.base}/memory`)).json()) as NodeJS.MemoryUsage;
      return { rss: m.rss, heap: m.heapUsed };
    };
    // The baseline first: 10,000 sockets to it, its memory, then all but its 1,000 watchers are
    // closed again, since one load process could not hold 20,000 under the usual hard limit of
    // open files (idle sockets cost a broadcast nothing).
    const tokens = members.tokens.slice(0, CONNECTIONS);
    const idle = (read: () => Promise<{ rss: number; heap: number }>) => clock.time('idle memory samples', () => idleMemory(read, o.quick ? 3 : 6, o.quick ? 300 : 400));
    const baselineBefore = await idle(readBaseline);
    const openedBaseline = await clock.time(`opening ${CONNECTIONS.toLocaleString('en')} sockets (bare ws)`, () => openSockets(baseline.base, tokens, room, WATCHERS));
    const baselineAfter = await idle(readBaseline);
    for (const s of openedBaseline.sockets.slice(WATCHERS)) s.terminate();
    sockets.push(...openedBaseline.sockets.slice(0, WATCHERS));
    const kindredBefore = await idle(readKindred);
    const opened = await clock.time(`opening ${CONNECTIONS.toLocaleString('en')} sockets (Kindred)`, () => openSockets(kindred.base, tokens, room, WATCHERS));
    sockets.push(...opened.sockets);
    log(`  ${CONNECTIONS.toLocaleString('en')} WebSockets open on Kindred in ${round1(opened.seconds)} s (bare ws: ${round1(openedBaseline.seconds)} s), ${WATCHERS} of them watching the thread`);
    const before = { kindred: kindredBefore, baseline: baselineBefore };
    const after = { kindred: await idle(readKindred), baseline: baselineAfter };
    const held = { kindred: CONNECTIONS, baseline: CONNECTIONS };
    const perConnection = (which: 'kindred' | 'baseline', key: 'rss' | 'heap') => (after[which][key] - before[which][key]) / held[which] / 1024;
    log(
      `  memory per idle connection: Kindred RSS ${round1(perConnection('kindred', 'rss'))} KiB, heap ${round1(perConnection('kindred', 'heap'))} KiB;` +
        ` bare ws RSS ${round1(perConnection('baseline', 'rss'))} KiB, heap ${round1(perConnection('baseline', 'heap'))} KiB`,
    );

    // Alternating rounds, the baseline first (it warms nothing of Kindred's): one reply at a
    // time, then a steady rate.
    // The group's members: Kindred sockets of the seeded members after the thread's watchers; on
    // the baseline (which kept only its 1,000 watchers) as many of those, in the group's room too.
    const groupSockets = { kindred: opened.sockets.slice(WATCHERS, WATCHERS + GROUP_SIZE), baseline: openedBaseline.sockets.slice(0, GROUP_SIZE) };
    for (const which of ['kindred', 'baseline'] as const) await Promise.all(groupSockets[which].map((socket) => subscribe(socket, groupRoom)));
    const scenarios = [
      { write: writes.thread, watching: { kindred: opened.sockets.slice(0, WATCHERS), baseline: openedBaseline.sockets.slice(0, WATCHERS) }, label: `reply to a thread watched by ${WATCHERS.toLocaleString('en')} of ${CONNECTIONS.toLocaleString('en')} sockets`, unit: 'replies', one: 'reply', size: `${WATCHERS.toLocaleString('en')} watching`, short: 'thread' },
      { write: writes.group, watching: groupSockets, label: `group chat message to ${GROUP_SIZE} members' open tabs (of ${CONNECTIONS.toLocaleString('en')} sockets)`, unit: 'messages', one: 'message', size: `${GROUP_SIZE} in the group`, short: 'group chat' },
    ];
    const figures: Figure[] = [];
    for (const { write, watching, label, unit, one, size, short } of scenarios)
    for (const [rate, n, how] of [
      [0, oneAtATime, `one ${one} at a time`],
      [REPLIES_PER_SECOND, atRate, `${REPLIES_PER_SECOND} ${unit}/s`],
    ] as const) {
      const runs: { kindred: RunResult; baseline: RunResult }[] = [];
      for (let r = 0; r < rounds; r++) {
        const b = await clock.time('baseline rounds', () => drive(baseline.base, poster, write, watching.baseline, n, rate, baseline.child.pid));
        const k = await clock.time(`${short}, ${how}`, () => drive(kindred.base, poster, write, watching.kindred, n, rate, kindred.child.pid));
        runs.push({ kindred: k, baseline: b });
        log(
          `  ${short}, ${how}, round ${r + 1}/${rounds}: ${n} ${unit} → ${k.delivery.length.toLocaleString('en')} deliveries, p50 ${round1(quantile(k.delivery, 0.5))} ms, p99 ${round1(quantile(k.delivery, 0.99))} ms, max ${round1(quantile(k.delivery, 1))} ms` +
            ` (bare ws p99 ${round1(quantile(b.delivery, 0.99))} ms); server CPU ${round1(k.serverCpu * 100)} %, this load process ${round1(k.loadCpu * 100)} % (bare ws round: ${round1(b.loadCpu * 100)} %); load ${os.loadavg()[0]!.toFixed(2)}${k.failed || k.lost ? `; ${k.failed} replies refused, ${k.lost} deliveries lost` : ''}`,
        );
      }
      type Key = 'delivery' | 'answered' | 'spread' | 'afterAnswer';
      const pooled = (which: 'kindred' | 'baseline', key: Key) => runs.flatMap((x) => x[which][key]);
      // Percentiles over the rounds' deliveries pooled (each round alone is few replies).
      const stat = (which: 'kindred' | 'baseline', key: Key, q: number) => quantile(pooled(which, key), q);
      const deliveries = pooled('kindred', 'delivery').length;
      const common = { dataSize: `${CONNECTIONS.toLocaleString('en')} sockets, ${size}, ${rounds * n} ${unit}, ${deliveries.toLocaleString('en')} deliveries`, database: o.db };
      const timing = (name: string, key: Key, q: number) => {
        const kv = stat('kindred', key, q);
        const bv = stat('baseline', key, q);
        // A negative time (the event before the answer) has no meaningful ratio.
        const ratio = kv > 0 && bv > 0 ? { ratio: round1(bv / kv, 3), baseline: `bare ws server broadcasting the same bytes (${round1(bv)} ms) / this` } : { baseline: `bare ws server: ${round1(bv)} ms` };
        figures.push({ figure: `${label}, ${how}: ${name}`, value: round1(kv), unit: 'ms', ...ratio, ...common });
      };
      timing('POST sent → event on each socket, p50', 'delivery', 0.5);
      timing('POST sent → event on each socket, p99 (target < 100)', 'delivery', 0.99);
      timing('POST sent → event on each socket, max', 'delivery', 1);
      timing('POST answered, p99', 'answered', 0.99);
      timing('POST answered → event on each socket, p99', 'afterAnswer', 0.99);
      timing('first socket → last socket, p99', 'spread', 0.99);
      const failed = runs.reduce((s, x) => s + x.kindred.failed, 0);
      const lost = runs.reduce((s, x) => s + x.kindred.lost, 0);
      if (failed || lost) figures.push({ figure: `${label}, ${how}: ${unit} refused / deliveries lost`, value: failed + lost, unit: `(${failed} refused, ${lost} lost)`, ...common });
    }
    const memCommon = { dataSize: `${CONNECTIONS.toLocaleString('en')} idle sockets`, database: o.db };
    for (const [key, name] of [['rss', 'RSS'], ['heap', 'V8 heap']] as const) {
      const kv = perConnection('kindred', key);
      const bv = perConnection('baseline', key);
      figures.push({ figure: `memory per idle WebSocket connection (${name})`, value: round1(kv, 2), unit: 'KiB', ratio: round1(Math.max(bv, 0.01) / Math.max(kv, 0.01), 3), baseline: `bare ws server (${round1(bv, 2)} KiB) / this`, ...memCommon });
    }
    figures.push({ figure: `${CONNECTIONS.toLocaleString('en')} WebSockets opened (session checked on each)`, value: round1(CONNECTIONS / opened.seconds, 0), unit: 'connections/s', ratio: round1(openedBaseline.seconds / opened.seconds, 3), baseline: `bare ws server (${round1(CONNECTIONS / openedBaseline.seconds, 0)}/s) / this`, ...memCommon });
    log(`  load average ${loadBefore.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (${os.cpus().length} cores shared by the server, the baseline and this load process)`);
    fs.writeFileSync(o.out, JSON.stringify({ figures, phases: clock.phases }));
  } finally {
    for (const s of sockets) s.terminate();
    for (const p of procs) await stopProcess(p);
    await own?.dispose();
  }
}

// ── run directly ──────────────────────────────────────────────────────────────────
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const db = (option('db') ?? 'sqlite') as 'sqlite' | 'postgres';
  if (args[0] === '--baseline') {
    await runBaseline(Number(args[1]), args[2]!);
  } else if (option('load')) {
    await runLoad({ quick: args.includes('--quick'), db, out: option('load')!, ...(option('seeded') ? { seeded: option('seeded')! } : {}) });
    process.exit(0);
  } else {
    const clock = new PhaseClock();
    const figures = await benchRealtime({ quick: args.includes('--quick'), db, clock });
    console.log(`\nphases:\n${clock.lines().join('\n')}\n${Math.round(clock.elapsed())} s in all`);
    const width = Math.max(...figures.map((f) => f.figure.length));
    for (const f of figures) console.log(`${f.figure.padEnd(width)}  ${String(f.value).padStart(8)} ${f.unit.padEnd(14)} ${f.ratio !== undefined ? `× ${f.ratio} (${f.baseline})` : ''}`);
    process.exit(0);
  }
}
