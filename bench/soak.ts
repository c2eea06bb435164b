/**
 * `npm run soak`: the production server under mixed traffic for a long while, checking that it
 * neither fails nor grows. Pass/fail, unlike `npm run bench` (figures only):
 *
 *   npm run soak                       measure capacity, then 10 minutes at half of it
 *   npm run soak -- --minutes 2        a shorter run
 *   npm run soak -- --rate 120         skip the capacity measurement: 120 operations/s
 *   npm run soak -- --warmup-minutes 1 --size 100k
 *
 * 1. Seeds a SQLite database in a temp dir (bench/seed.ts: 10k replies by default; members with
 *    sessions; 1:1 conversations from bench/conversations.bench.ts) and starts the server built as
 *    one bundle and run as production does (test/server-process.ts; the API only, LOG_LEVEL=warn,
 *    the per-IP and per-account rate limits raised: all the load comes from 127.0.0.1 and a few
 *    dozen accounts), with a metrics token.
 * 2. Opens signed-in tabs: each has a CSRF token and a WebSocket subscribed to a live thread (members)
 *    or to its 1:1 conversation (both sides). A few tabs reconnect their socket every 15 s.
 * 3. Capacity: the mix below, closed loop with 16 concurrent clients for 20 s → operations/s.
 * 4. Soak: the same mix, open loop at half that rate (or --rate) for --minutes. Operations: thread
 *    pages, the latest list, notifications, conversation pages; replies to live threads; reactions
 *    on and off; 1:1 messages. Beside them, a sign-in + sign-out (Argon2id) every 4 s: all the
 *    traffic comes from one address, whose sign-in limit is 20 a minute. /metrics is sampled every 5 s.
 * 5. Checks (exit 1 if any fails): no request failed (any status other than the expected one, or a
 *    network error); every steady tab received every visible reply posted to its thread while it was
 *    subscribed, and every 1:1 message of its conversation; no socket closed by the server; the
 *    outbox drained at the end; resident memory (RSS) grew < 10 % from the first to the last window
 *    after warm-up (median of the samples in each window). Heap growth is reported beside it.
 * Results go to bench/soak-results.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type WebSocket from 'ws';
import { HttpSession, startServerProcess, type ServerProcess } from '../test/server-process.js';
import { seedConversations } from './conversations.bench.js';
import { connect, cpuSecondsOf, median, option, quantile, root, round1, type Client } from './harness.js';
import { sampleReplyBodies, seed, seedSignedInMembers, SIZES, type SeedSize } from './seed.js';

const MINUTES = Number(option('minutes') ?? 10);
const FIXED_RATE = option('rate') ? Number(option('rate')) : null;
const WARMUP_S = Number(option('warmup-minutes') ?? Math.min(2, MINUTES / 5)) * 60;
const SIZE = (option('size') ?? '10k') as SeedSize;
if (!(SIZE in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
if (!(MINUTES > 0) || (FIXED_RATE !== null && !(FIXED_RATE > 0)) || !(WARMUP_S >= 0) || WARMUP_S >= MINUTES * 60) throw new Error('--minutes and --rate must be positive, --warmup-minutes shorter than the run');

const MEMBER_TABS = 40;
const CHURN_TABS = 5;
const CONVERSATIONS = 20;
const LIVE_THREADS = 20;
const CAPACITY_SECONDS = 20;
const CAPACITY_CLIENTS = 16;
const MAX_IN_FLIGHT = 256;
const SAMPLE_EVERY_MS = 5000;
const GROWTH_LIMIT = 0.1;
const SIGN_IN_EVERY_MS = 4000;

// ── what happened ─────────────────────────────────────────────────────────────────
interface OpStats {
  count: number;
  errors: number;
  ms: number[];
}
const stats = new Map<string, OpStats>();
const errorSamples: string[] = [];
const statsOf = (name: string) => {
  let s = stats.get(name);
  if (!s) stats.set(name, (s = { count: 0, errors: 0, ms: [] }));
  return s;
};
function failed(name: string, what: string): void {
  statsOf(name).errors += 1;
  if (errorSamples.length < 10) errorSamples.push(`${name}: ${what}`);
}

/** One HTTP request as a tab sends it; counts as an error unless it answers `ok`. */
async function call(name: string, tab: Client, method: string, url: string, body: unknown, ok: number): Promise<unknown> {
  const t0 = performance.now();
  const s = statsOf(name);
  s.count += 1;
  try {
    const headers: Record<string, string> = { cookie: tab.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = tab.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${url}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    s.ms.push(performance.now() - t0);
    if (res.status !== ok) {
      failed(name, `${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} answered ${res.status} ${text.slice(0, 160)}`);
      return null;
    }
    return text ? (JSON.parse(text) as unknown) : null;
  } catch (err) {
    failed(name, `${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')}: ${(err as Error).message}`);
    return null;
  }
}

// ── the people and their tabs ─────────────────────────────────────────────────────
interface Tab {
  client: Client;
  /** Room it listens to, and what it should receive there. */
  room: string;
  steady: boolean;
  events: number;
  seen: Set<string>;
  since: number;
}
let base = '';
const unexpectedCloses: string[] = [];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function listen(tab: Tab): void {
  const socket: WebSocket = tab.client.socket;
  socket.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as { type: string; event?: { type: string; data: { post?: { id: string }; messageId?: string } } };
    if (msg.type !== 'event' || !msg.event) return;
    tab.events += 1;
    const id = msg.event.data.post?.id ?? (msg.event.type === 'mentoring.message_created' ? msg.event.data.messageId : undefined);
    if (id) tab.seen.add(id);
  });
  socket.on('close', (code) => {
    if (!(socket as WebSocket & { soakClosing?: boolean }).soakClosing) unexpectedCloses.push(`${tab.room} closed ${code}`);
  });
}

async function openTab(token: string, room: string, steady: boolean): Promise<Tab> {
  const tab: Tab = { client: await connect(base, token, room, true), room, steady, events: 0, seen: new Set(), since: Date.now() };
  listen(tab);
  return tab;
}

async function reconnect(tab: Tab, token: string): Promise<void> {
  const old = tab.client.socket as WebSocket & { soakClosing?: boolean };
  old.soakClosing = true;
  old.close(1000, 'soak churn');
  tab.client = await connect(base, token, tab.room, true);
  listen(tab);
}

// ── main ─────────────────────────────────────────────────────────────────────────
async function main(): Promise<void> {
  const started = Date.now();
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const load = () => os.loadavg().map((x) => round1(x, 2));
  console.log(`Kindred soak — ${machine}; load average ${load().join(' ')}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-soak-'));
  let server: ServerProcess | null = null;
  try {
    // 1. data and server
    const databaseUrl = `sqlite:${path.join(tmp, 'kindred.db')}`;
    const secret = randomBytes(36).toString('base64url');
    console.log(`seeding ${SIZE} replies…`);
    const seeded = await seed({ databaseUrl, replies: SIZES[SIZE], log: () => undefined });
    const members = await seedSignedInMembers({ databaseUrl, n: MEMBER_TABS });
    const { conversations } = await seedConversations(databaseUrl, undefined, secret, { conversations: CONVERSATIONS, supporters: 5, history: 5 });
    const metricsToken = randomBytes(24).toString('hex');
    server = await startServerProcess(tmp, { LOG_LEVEL: 'warn', KINDRED_SECRET: secret, KINDRED_METRICS_TOKEN: metricsToken });
    base = server.baseURL;
    const pid = server.child.pid;

    // 2. tabs
    const live = [...seeded.replyThreadIds.slice(0, LIVE_THREADS / 2), ...seeded.quietThreadIds.slice(0, LIVE_THREADS / 2)];
    const memberTabs = await Promise.all(members.tokens.map((token, i) => openTab(token, `thread:${live[i % live.length]}`, i >= CHURN_TABS)));
    const chats = await Promise.all(
      conversations.map(async (c) => ({ id: c.id, member: await openTab(c.member.token, `mentorship:${c.id}`, true), supporter: await openTab(c.supporter.token, `mentorship:${c.id}`, true) })),
    );
    const postIds: string[] = [];
    for (const id of live) {
      const page = (await call('setup', memberTabs[0]!.client, 'GET', `/api/threads/${id}?limit=21`, undefined, 200)) as { posts?: { id: string; state: string }[] } | null;
      // Hidden and deleted posts take no reactions (403): the seed has a few.
      postIds.push(...(page?.posts ?? []).filter((p) => p.state === 'visible').map((p) => p.id));
    }
    if (statsOf('setup').errors) throw new Error(`setup failed: ${errorSamples.join('; ')}`);
    stats.delete('setup');

    // What each write should make a steady tab receive: ids by room, with the time they were written.
    const written = new Map<string, { id: string; at: number }[]>();
    const wrote = (room: string, id: string) => (written.get(room) ?? written.set(room, []).get(room)!).push({ id, at: Date.now() });
    const replyBodies = sampleReplyBodies(200);
    const reactionKinds = ['relate', 'strength', 'helped'] as const;
    const mix: { name: string; weight: number; run: () => Promise<void> }[] = [
      { name: 'thread page', weight: 30, run: async () => void (await call('thread page', pick(memberTabs).client, 'GET', `/api/threads/${pick(Math.random() < 0.5 ? live : seeded.readThreadIds)}?limit=21`, undefined, 200)) },
      { name: 'latest list', weight: 10, run: async () => void (await call('latest list', pick(memberTabs).client, 'GET', '/api/threads?list=latest', undefined, 200)) },
      { name: 'notifications', weight: 5, run: async () => void (await call('notifications', pick(memberTabs).client, 'GET', '/api/notifications', undefined, 200)) },
      {
        name: 'conversation page',
        weight: 5,
        run: async () => {
          const chat = pick(chats);
          await call('conversation page', chat.member.client, 'GET', `/api/mentoring/mentorships/${chat.id}/messages`, undefined, 200);
        },
      },
      {
        name: 'reply',
        weight: 15,
        run: async () => {
          const tab = pick(memberTabs);
          const threadId = Math.random() < 0.7 ? tab.room.slice('thread:'.length) : pick(live);
          const res = (await call('reply', tab.client, 'POST', `/api/threads/${threadId}/posts`, { body: pick(replyBodies) }, 201)) as { post?: { id: string; state: string } } | null;
          if (res?.post?.state === 'visible') wrote(`thread:${threadId}`, res.post.id);
        },
      },
      {
        name: 'reaction',
        weight: 15,
        run: async () => {
          const on = Math.random() < 0.6;
          await call('reaction', pick(memberTabs).client, on ? 'PUT' : 'DELETE', `/api/posts/${pick(postIds)}/reactions/${pick(reactionKinds)}`, undefined, 200);
        },
      },
      {
        name: '1:1 message',
        weight: 15,
        run: async () => {
          const chat = pick(chats);
          const from = Math.random() < 0.5 ? chat.member : chat.supporter;
          const res = (await call('1:1 message', from.client, 'POST', `/api/mentoring/mentorships/${chat.id}/messages`, { body: 'Thank you for listening today. The walk helped a little.', clientId: randomUUID() }, 201)) as { message?: { id: string } } | null;
          if (res?.message?.id) wrote(`mentorship:${chat.id}`, res.message.id);
        },
      },
    ];
    // Sign-ins come at their own pace, under the per-address sign-in limit (20/min; every request
    // here comes from 127.0.0.1): one every SIGN_IN_EVERY_MS, whatever the rate of the rest.
    const signInCycle = async () => {
      const s = statsOf('sign-in + sign-out');
      s.count += 1;
      const t0 = performance.now();
      try {
        const session = new HttpSession(base);
        const a = await session.post('/api/auth/sign-in', seeded.benchUser);
        const b = a.status === 200 ? await session.post('/api/auth/sign-out') : a;
        s.ms.push(performance.now() - t0);
        if (a.status !== 200 || b.status !== 200) failed('sign-in + sign-out', `answered ${a.status}/${b.status}`);
      } catch (err) {
        failed('sign-in + sign-out', (err as Error).message);
      }
    };
    const totalWeight = mix.reduce((n, m) => n + m.weight, 0);
    const pickOp = () => {
      let r = Math.random() * totalWeight;
      for (const m of mix) if ((r -= m.weight) < 0) return m;
      return mix[0]!;
    };

    // Memory and CPU, from the server's own metrics.
    const samples: { t: number; rss: number; heap: number; cpu: number }[] = [];
    const sample = async (t: number) => {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      const text = await res.text();
      const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
      samples.push({ t, rss: value('process_resident_memory_bytes'), heap: value('nodejs_heap_used_bytes'), cpu: cpuSecondsOf(pid) });
      return value('kindred_outbox_pending_events');
    };

    // 3. capacity
    let rate = FIXED_RATE;
    let capacity: number | null = null;
    if (rate === null) {
      console.log(`measuring capacity: ${CAPACITY_CLIENTS} clients back to back for ${CAPACITY_SECONDS} s (load ${load().join(' ')})…`);
      const until = Date.now() + CAPACITY_SECONDS * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: CAPACITY_CLIENTS }, async () => {
          while (Date.now() < until) {
            await pickOp().run();
            done += 1;
          }
        }),
      );
      capacity = done / CAPACITY_SECONDS;
      rate = Math.max(1, Math.round(capacity / 2));
      console.log(`capacity ≈ ${Math.round(capacity)} operations/s → soak at ${rate}/s`);
    }
    const capacityStats = new Map([...stats].map(([k, v]) => [k, { ...v }]));
    const capacityErrors = [...stats.values()].reduce((n, s) => n + s.errors, 0);
    stats.clear();

    // 4. soak, open loop
    console.log(`soaking for ${MINUTES} min at ${rate} operations/s (warm-up ${round1(WARMUP_S / 60)} min)…`);
    const t0 = Date.now();
    const end = t0 + MINUTES * 60_000;
    let launched = 0;
    let behind = 0;
    let inFlight = 0;
    const running = new Set<Promise<void>>();
    let nextSample = t0;
    let nextChurn = t0 + 15_000;
    let nextSignIn = t0;
    let nextReport = t0 + 60_000;
    let churnIndex = 0;
    while (Date.now() < end) {
      const now = Date.now();
      const due = Math.floor(((now - t0) / 1000) * rate) - launched - behind;
      for (let i = 0; i < due; i++) {
        if (inFlight >= MAX_IN_FLIGHT) {
          behind += 1;
          continue;
        }
        launched += 1;
        inFlight += 1;
        const p: Promise<void> = pickOp()
          .run()
          .finally(() => {
            inFlight -= 1;
            running.delete(p);
          });
        running.add(p);
      }
      if (now >= nextSample) {
        nextSample += SAMPLE_EVERY_MS;
        void sample((now - t0) / 1000).catch((err: Error) => failed('metrics', err.message));
      }
      if (now >= nextSignIn) {
        nextSignIn += SIGN_IN_EVERY_MS;
        const p: Promise<void> = signInCycle().finally(() => running.delete(p));
        running.add(p);
      }
      if (now >= nextChurn) {
        nextChurn += 15_000;
        const i = churnIndex++ % CHURN_TABS;
        void reconnect(memberTabs[i]!, members.tokens[i]!).catch((err: Error) => failed('reconnect', err.message));
      }
      if (now >= nextReport) {
        nextReport += 60_000;
        const last = samples[samples.length - 1];
        console.log(`  ${Math.round((now - t0) / 60_000)} min: ${launched} operations, ${[...stats.values()].reduce((n, s) => n + s.errors, 0)} errors, RSS ${last ? Math.round(last.rss / 2 ** 20) : '?'} MiB, heap ${last ? Math.round(last.heap / 2 ** 20) : '?'} MiB, load ${load().join(' ')}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(running);
    const elapsed = (Date.now() - t0) / 1000;

    // The outbox drains, and the sockets have had their events.
    let pending = NaN;
    for (let i = 0; i < 60 && pending !== 0; i++) {
      pending = await sample(elapsed);
      if (pending !== 0) await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 1000));

    // 5. checks
    const tabs = [...memberTabs, ...chats.flatMap((c) => [c.member, c.supporter])];
    let missed = 0;
    let expected = 0;
    for (const tab of tabs.filter((x) => x.steady)) {
      for (const w of written.get(tab.room) ?? []) {
        if (w.at < tab.since) continue;
        expected += 1;
        if (!tab.seen.has(w.id)) missed += 1;
      }
    }
    const after = samples.filter((s) => s.t >= WARMUP_S && s.t <= elapsed);
    const windowS = Math.max(SAMPLE_EVERY_MS / 1000 * 3, (elapsed - WARMUP_S) / 5);
    const first = after.filter((s) => s.t < WARMUP_S + windowS);
    const lastW = after.filter((s) => s.t > elapsed - windowS);
    const growth = (key: 'rss' | 'heap') => median(lastW.map((s) => s[key])) / median(first.map((s) => s[key])) - 1;
    const rssGrowth = growth('rss');
    const heapGrowth = growth('heap');
    const errors = [...stats.values()].reduce((n, s) => n + s.errors, 0);
    const cpu = samples.length > 1 ? (samples[samples.length - 1]!.cpu - samples[0]!.cpu) / (samples[samples.length - 1]!.t - samples[0]!.t) : NaN;

    const checks = [
      { check: 'requests failed', value: errors, pass: errors === 0 },
      { check: 'events missed by steady subscribers', value: `${missed} of ${expected}`, pass: missed === 0 && expected > 0 },
      { check: 'sockets closed by the server', value: unexpectedCloses.length, pass: unexpectedCloses.length === 0 },
      { check: 'outbox pending at the end', value: pending, pass: pending === 0 },
      { check: `RSS growth after warm-up (limit ${GROWTH_LIMIT * 100} %)`, value: `${round1(rssGrowth * 100)} %`, pass: Number.isFinite(rssGrowth) && rssGrowth < GROWTH_LIMIT },
    ];

    console.log(`\nKindred soak — ${machine}; ${MINUTES} min at ${rate} operations/s (${FIXED_RATE === null ? 'half the measured capacity' : '--rate'}); ${SIZE} replies, SQLite`);
    console.log(`achieved ${round1(launched / elapsed)} operations/s; ${behind} operations not started for lack of free clients; server CPU ${round1(cpu * 100)} % of a core; load average now ${load().join(' ')}\n`);
    const width = Math.max(...mix.map((m) => m.name.length), 12);
    console.log(`${'operation'.padEnd(width)}  ${'count'.padStart(8)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
    for (const [name, s] of stats) console.log(`${name.padEnd(width)}  ${String(s.count).padStart(8)} ${String(s.errors).padStart(7)} ${String(round1(quantile(s.ms, 0.5))).padStart(8)} ${String(round1(quantile(s.ms, 0.99))).padStart(8)}`);
    const mib = (b: number) => Math.round(b / 2 ** 20);
    console.log(`\nmemory (MiB, medians): first window after warm-up RSS ${mib(median(first.map((s) => s.rss)))}, heap ${mib(median(first.map((s) => s.heap)))}; last window RSS ${mib(median(lastW.map((s) => s.rss)))}, heap ${mib(median(lastW.map((s) => s.heap)))} (heap growth ${round1(heapGrowth * 100)} %, reported only)`);
    console.log(`websocket events received: ${tabs.reduce((n, t) => n + t.events, 0)} on ${tabs.length} tabs (${CHURN_TABS} of them reconnecting every ${15 * CHURN_TABS} s)\n`);
    for (const c of checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.check}: ${c.value}`);
    for (const e of [...errorSamples, ...unexpectedCloses.slice(0, 5)]) console.log(`  ${e}`);

    const out = path.join(root, 'bench', 'soak-results.json');
    fs.writeFileSync(
      out,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine,
          options: { minutes: MINUTES, warmupMinutes: WARMUP_S / 60, size: SIZE, rate, rateFrom: FIXED_RATE === null ? 'half the measured capacity' : '--rate' },
          capacity: capacity !== null ? { operationsPerSecond: round1(capacity), errors: capacityErrors, operations: Object.fromEntries([...capacityStats].map(([k, v]) => [k, v.count])) } : null,
          achievedPerSecond: round1(launched / elapsed),
          notStarted: behind,
          serverCpuCores: round1(cpu, 2),
          operations: Object.fromEntries([...stats].map(([k, s]) => [k, { count: s.count, errors: s.errors, p50ms: round1(quantile(s.ms, 0.5)), p99ms: round1(quantile(s.ms, 0.99)) }])),
          memoryMiB: samples.map((s) => ({ t: Math.round(s.t), rss: mib(s.rss), heap: mib(s.heap) })),
          checks,
          seconds: Math.round((Date.now() - started) / 1000),
        },
        null,
        2,
      ),
    );
    console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
    for (const tab of tabs) {
      (tab.client.socket as WebSocket & { soakClosing?: boolean }).soakClosing = true;
      tab.client.socket.close(1000, 'soak done');
    }
    process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 15_000))]);
      server.kill();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
