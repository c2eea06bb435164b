/**
 * The 1:1 conversation under load: with 5,000 open conversations, the round trip of a message
 * from `POST /messages` (screened, sealed, stored, event in the outbox) to the event arriving on
 * the other participant's real WebSocket, p50 / p99 (target p99 < 50 ms); and the cost of sealing
 * a message (encrypt + decrypt of a typical 300-byte message).
 *
 * Data (seeded the way the services write it, as bench/seed.ts does, in bulk): 1,000 peer
 * supporters (capacity 5, hours all week) and 5,000 members in 5,000 active mentorships, each
 * with a history of 10 messages sealed with the server's key; sessions for the people the bench
 * connects.
 *
 * Load (open loop, like people): `pairs` conversations chat at once, each message at an
 * exponential interval, the total at `rate` messages/s — a busy evening is estimated at ~20/s
 * for 5,000 conversations (60 messages a conversation a day, mostly within 4 hours), so the
 * runs offer that, 2.5× and (full runs) 5× that. Each message is preceded by a typing call, and the reader's
 * client does what the web does on the event: fetch the message, then POST `delivered`. Another
 * `idle` sockets sit subscribed to their conversations' rooms (open conversations nobody types in).
 *
 * Baseline in the same run, alternating round by round: a "transport ceiling" in its own process
 * (bare Fastify + @fastify/websocket with the same protocol, rooms and answer sizes, nothing else:
 * no sessions, validation, database, screening or sealing). Ratios are ceiling / Kindred (1 = as
 * fast as the ceiling). Sealing is measured in-process against a plain JSON copy of the same message.
 *
 *   npx tsx bench/conversations.bench.ts [--quick] [--db postgres]
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createKeyring, tokenDigest } from '../src/server/platform/crypto.js';
import { dropPostgresSchema, ensurePostgresSchema, openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrator.js';
import type { Figure } from './figure.js';
import { connect, cpuSecondsOf, freePort, makeTempDir, median, ownCpuSeconds, PhaseClock, quantile, removeTempDir, round1, startKindredServer, startProcess, stopProcess, waitFor, type Client } from './harness.js';

const CONVERSATIONS = 5_000;
const SUPPORTERS = 1_000;
const HISTORY = 10;
const MESSAGE_300B =
  'Thank you for telling me about this week. It sounds like the evenings have been the hardest part, especially after the phone call with your sister. What helped a little last time was the walk before dinner, you said. Would it be worth trying that again tomorrow, even just ten minutes?';

export interface ConversationBenchOptions {
  quick: boolean;
  db?: 'sqlite' | 'postgres';
  pgUrl?: string;
  log?: (line: string) => void;
  /** Write a V8 CPU profile of the Kindred server into this directory. */
  profile?: string;
  /** Where the phases' times go (a fresh clock if none). */
  clock?: PhaseClock;
}

// ── sealing cost (in-process) ─────────────────────────────────────────────────────
/** µs per message: encrypt + decrypt of a 300-byte message with the field cipher, and a plain JSON copy. */
export function benchSealing(rounds = 5, n = 20_000): { sealUs: number; encryptUs: number; decryptUs: number; jsonUs: number; bytes: number } {
  const cipher = createKeyring(randomBytes(48)).field;
  const aad = `mentorship_messages:${randomUUID()}`;
  const body = MESSAGE_300B;
  let sink = 0;
  const enc: number[] = [];
  const dec: number[] = [];
  const json: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate, best of the rounds' medians: a shared machine's noise only ever adds.
    let t0 = performance.now();
    const sealed: string[] = new Array(n);
    for (let i = 0; i < n; i++) sealed[i] = cipher.encrypt(body, aad);
    enc.push(((performance.now() - t0) * 1000) / n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) sink += cipher.decrypt(sealed[i]!, aad).length;
    dec.push(((performance.now() - t0) * 1000) / n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) sink += (JSON.parse(JSON.stringify({ body })) as { body: string }).body.length;
    json.push(((performance.now() - t0) * 1000) / n);
  }
  if (sink === 42) console.log('');
  const encryptUs = Math.min(...enc);
  const decryptUs = Math.min(...dec);
  return { sealUs: encryptUs + decryptUs, encryptUs, decryptUs, jsonUs: Math.min(...json), bytes: Buffer.byteLength(body) };
}

// ── seeding ───────────────────────────────────────────────────────────────────────
export interface Person {
  id: string;
  token: string;
}
export interface Conversation {
  id: string;
  member: Person;
  supporter: Person;
}

export async function seedConversations(
  databaseUrl: string,
  pgSchema: string | undefined,
  secret: string,
  size: { conversations?: number; supporters?: number; history?: number } = {},
): Promise<{ conversations: Conversation[]; seconds: number }> {
  const [nConversations, nSupporters, history] = [size.conversations ?? CONVERSATIONS, size.supporters ?? SUPPORTERS, size.history ?? HISTORY];
  const t0 = performance.now();
  const handle = openDatabase(databaseUrl, pgSchema ? { schema: pgSchema } : {});
  await migrateToLatest(handle.db, handle.dialect, pgSchema);
  const cipher = createKeyring(Buffer.from(secret, 'utf8')).field;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  // A throwaway hash: nobody signs in with a password; sessions are seeded (the token's digest, as sign-in stores it).
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNlZWRzZWVk$bm90LWEtcmVhbC1oYXNoLW5vdC1hLXJlYWwtaGFzaA';
  const users: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const person = (i: number, kind: 'm' | 's'): Person => ({ id: randomUUID(), token: randomBytes(32).toString('base64url') + `${kind}${i}` });
  const supporters = Array.from({ length: nSupporters }, (_, i) => person(i, 's'));
  const members = Array.from({ length: nConversations }, (_, i) => person(i, 'm'));
  const created = iso(now - 30 * 86_400_000);
  for (const [list, kind] of [[supporters, 's'], [members, 'm']] as const) {
    list.forEach((p, i) => {
      const h = `bench_${kind}${i}`;
      users.push({ id: p.id, handle: h, handle_key: h, password_hash: hash, email_enc: null, pronouns: null, region: 'GB', time_zone: 'Europe/London', languages: '["en"]', experience_tags: '["anxiety"]', experience_note: null, bio: null, bio_state: 'visible', message_policy: 'supporters', age_confirmed_at: created, password_changed_at: created, created_at: created, updated_at: created });
      roles.push({ user_id: p.id, role: 'member', granted_by: null, granted_at: created });
      if (kind === 's') roles.push({ user_id: p.id, role: 'peer_supporter', granted_by: null, granted_at: created });
    });
  }
  const db = handle.db;
  const chunked = async (table: string, rows: Record<string, unknown>[], per = 400) => {
    for (let i = 0; i < rows.length; i += per) await db.insertInto(table as 'users').values(rows.slice(i, i + per) as never).execute();
  };
  const allWeek = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })));
  await db.transaction().execute(async (trx) => {
    const ins = async (table: string, rows: Record<string, unknown>[], per = 400) => {
      for (let i = 0; i < rows.length; i += per) await trx.insertInto(table as 'users').values(rows.slice(i, i + per) as never).execute();
    };
    await ins('users', users, 200);
    await ins('user_roles', roles);
    await ins(
      'supporter_profiles',
      supporters.map((s) => ({ user_id: s.id, experience_tags: '["anxiety"]', languages: '["en"]', time_zone: 'Europe/London', availability: allWeek, capacity: 5, can_help_with: null, cannot_help_with: null, intro: null, intro_state: 'visible', gender: null, away_until: null, away_message: null, away_message_state: 'visible', auto_reply: null, auto_reply_state: 'visible', accepting: 1, created_at: created, updated_at: created })),
      200,
    );
    const conversations: Record<string, unknown>[] = [];
    const messages: Record<string, unknown>[] = [];
    members.forEach((m, i) => {
      const id = randomUUID();
      const started = now - 14 * 86_400_000 + i * 1000;
      conversations.push({ id, member_id: m.id, supporter_id: supporters[i % nSupporters]!.id, request_id: null, status: 'active', started_at: iso(started), ended_at: null, ended_by: null, end_reason: null, created_at: iso(started) });
      for (let k = 0; k < history; k++) {
        const at = started + k * 3_600_000;
        messages.push({
          id: uuidv7(at),
          mentorship_id: id,
          sender_id: k % 2 ? supporters[i % nSupporters]!.id : m.id,
          kind: 'text',
          body_enc: cipher.encrypt(MESSAGE_300B.slice(0, 80 + ((k * 37) % 220)), `mentorship_messages:${id}`),
          state: 'visible',
          hold_reason: null,
          screening_level: 0,
          created_at: iso(at),
          delivered_at: iso(at + 1000),
          read_at: iso(at + 60_000),
          client_id: randomUUID(),
          screening_id: null,
          alert_id: null,
        });
      }
    });
    await ins('mentorships', conversations);
    await ins('mentorship_messages', messages, 200);
  });
  const byId = new Map([...members, ...supporters].map((p) => [p.id, p]));
  const list = (await db.selectFrom('mentorships').select(['id', 'member_id', 'supporter_id']).execute()).map((c) => ({
    id: c.id,
    member: byId.get(c.member_id ?? '')!,
    supporter: byId.get(c.supporter_id ?? '')!,
  }));
  // Sessions for everyone (sign-in would cost an Argon2id hash each); the bench connects a few thousand.
  const expires = iso(now + 30 * 86_400_000);
  await chunked(
    'sessions',
    [...members, ...supporters].map((p) => ({ id: tokenDigest(p.token), user_id: p.id, device_label: 'bench', created_at: iso(now), last_seen_at: iso(now), expires_at: expires })),
  );
  await handle.close();
  return { conversations: list, seconds: (performance.now() - t0) / 1000 };
}

function uuidv7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(Math.floor(ms), 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ── the transport ceiling (its own process: `--ceiling <port> <samples.json>`) ────────
async function runCeiling(port: number, samplesFile: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: websocket } = await import('@fastify/websocket');
  const samples = JSON.parse(fs.readFileSync(samplesFile, 'utf8')) as { sent: string; message: string };
  const app = Fastify({ logger: false });
  await app.register(websocket);
  const rooms = new Map<string, Set<WebSocket>>();
  app.get('/api/realtime', { websocket: true }, (socket) => {
    const mine = new Set<string>();
    socket.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString('utf8')) as { type: string; room: string };
      if (msg.type !== 'subscribe') return;
      let set = rooms.get(msg.room);
      if (!set) rooms.set(msg.room, (set = new Set()));
      set.add(socket as unknown as WebSocket);
      mine.add(msg.room);
      socket.send(JSON.stringify({ type: 'subscribed', room: msg.room }));
    });
    socket.on('close', () => {
      for (const r of mine) rooms.get(r)?.delete(socket as unknown as WebSocket);
    });
  });
  // Same routes and answer sizes as Kindred's; the event goes out before the answer, as an outbox dispatch would.
  app.post<{ Params: { id: string } }>('/api/mentoring/mentorships/:id/messages', async (req, reply) => {
    const messageId = uuidv7(Date.now());
    const room = `mentorship:${req.params.id}`;
    const event = JSON.stringify({ type: 'event', room, event: { id: uuidv7(Date.now()), type: 'mentoring.message_created', occurredAt: new Date().toISOString(), data: { mentorshipId: req.params.id, messageId, senderId: 'x', kind: 'text', createdAt: new Date().toISOString() } } });
    for (const s of rooms.get(room) ?? []) s.send(event);
    return reply.code(201).type('application/json').send(samples.sent.replace('__ID__', messageId));
  });
  app.get('/api/mentoring/mentorships/:id/messages/:messageId', async (_req, reply) => reply.type('application/json').send(samples.message));
  app.post('/api/mentoring/mentorships/:id/typing', async () => ({ forwarded: true }));
  app.post('/api/mentoring/mentorships/:id/delivered', async () => ({ updated: 1, upTo: 'x', at: new Date().toISOString() }));
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ port, host: '127.0.0.1' });
}

interface Sample {
  stored: number;
  event: number;
  fetched: number;
}

interface RunResult {
  /** CPU seconds per wall second of the server process and of this (the clients') process. */
  serverCpu: number;
  clientCpu: number;
  samples: Sample[];
  offered: number;
  failed: number;
  lost: number;
  seconds: number;
}

/**
 * Open-loop chat over `pairs` conversations at `rate` messages/s for `seconds`: typing, send,
 * and on the other socket the event → fetch → delivered. Times from just before the POST.
 */
/** `rate` messages/s open-loop for `seconds`; or, with `sequential`, that many messages one at a time (no queueing). */
async function drive(base: string, pairs: { id: string; a: Client; b: Client }[], rate: number, seconds: number, serverPid?: number, sequential?: number): Promise<RunResult> {
  const cpu0 = { server: cpuSecondsOf(serverPid), client: ownCpuSeconds() };
  // Arrival times per message id and side: the event often beats the POST's answer (the outbox
  // is drained right after the commit, the answer is presented after it).
  const arrived = new Map<string, Partial<Record<'a' | 'b', number>>>();
  const waiters = new Map<string, () => void>();
  const samples: Sample[] = [];
  let failed = 0;
  let lost = 0;
  let offered = 0;
  const json = (c: Client) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' });
  const listeners: (() => void)[] = [];
  for (const p of pairs) {
    for (const side of ['a', 'b'] as const) {
      const onMessage = (raw: WebSocket.RawData) => {
        const at = performance.now();
        const msg = JSON.parse(String(raw)) as { type: string; event?: { type: string; data: { messageId: string } } };
        if (msg.type !== 'event' || msg.event?.type !== 'mentoring.message_created') return;
        const id = msg.event.data.messageId;
        const seen = arrived.get(id) ?? {};
        seen[side] ??= at;
        arrived.set(id, seen);
        waiters.get(`${id}:${side}`)?.();
      };
      p[side].socket.on('message', onMessage);
      listeners.push(() => p[side].socket.off('message', onMessage));
    }
  }
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const inflight: Promise<void>[] = [];
  const perPairRate = rate / pairs.length;
  const one = async (p: { id: string; a: Client; b: Client }, from: 'a' | 'b') => {
    const to = from === 'a' ? 'b' : 'a';
    const sender = p[from];
    const reader = p[to];
    await fetch(`${base}/api/mentoring/mentorships/${p.id}/typing`, { method: 'POST', headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrf } }).then((r) => r.arrayBuffer());
    const t0 = performance.now();
    const res = await fetch(`${base}/api/mentoring/mentorships/${p.id}/messages`, { method: 'POST', headers: json(sender), body: JSON.stringify({ body: MESSAGE_300B, clientId: randomUUID() }) });
    const text = await res.text();
    const stored = performance.now();
    if (res.status !== 201) {
      failed += 1;
      return;
    }
    const id = (JSON.parse(text) as { message: { id: string } }).message.id;
    if (arrived.get(id)?.[to] === undefined) {
      const came = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 15_000);
        waiters.set(`${id}:${to}`, () => (clearTimeout(timer), resolve(true)));
      });
      waiters.delete(`${id}:${to}`);
      if (!came) {
        lost += 1;
        return;
      }
    }
    const event = arrived.get(id)![to]!;
    arrived.delete(id);
    // What the web does with the event: fetch the message through the presenter, then say it arrived.
    const got = await fetch(`${base}/api/mentoring/mentorships/${p.id}/messages/${id}`, { headers: { cookie: reader.cookie } });
    await got.arrayBuffer();
    const fetched = performance.now();
    if (!got.ok) {
      failed += 1;
      return;
    }
    samples.push({ stored: stored - t0, event: event - t0, fetched: fetched - t0 });
    await fetch(`${base}/api/mentoring/mentorships/${p.id}/delivered`, { method: 'POST', headers: json(reader), body: JSON.stringify({ upTo: id }) }).then((r) => r.arrayBuffer());
  };
  if (sequential) {
    for (let i = 0; i < sequential; i++) await one(pairs[i % pairs.length]!, i % 2 ? 'a' : 'b').catch(() => void (failed += 1));
    offered = sequential;
  } else await Promise.all(
    pairs.map(async (p, i) => {
      let turn: 'a' | 'b' = i % 2 ? 'a' : 'b';
      for (;;) {
        const wait = -Math.log(1 - Math.random()) / perPairRate;
        // A wait that ends past the deadline sends nothing: stop at the deadline rather than sleep
        // it out (with 60 pairs at 20/s the longest of their waits is ~15 s: the run would last that much longer).
        if (performance.now() + wait * 1000 > deadline) return;
        await new Promise((r) => setTimeout(r, wait * 1000));
        offered += 1;
        inflight.push(one(p, turn).catch(() => void (failed += 1)));
        turn = turn === 'a' ? 'b' : 'a';
      }
    }),
  );
  await Promise.all(inflight);
  for (const off of listeners) off();
  const wall = (performance.now() - started) / 1000;
  return { samples, offered, failed, lost, seconds: wall, serverCpu: (cpuSecondsOf(serverPid) - cpu0.server) / wall, clientCpu: (ownCpuSeconds() - cpu0.client) / wall };
}

// ── the benchmark ───────────────────────────────────────────────────────────────────
/** A seeded database of 5,000 conversations, ready for `benchConversations` (setup, not measured). */
export interface PreparedConversations {
  dbKind: 'sqlite' | 'postgres';
  /** What the server is given as DATABASE_URL. */
  serverUrl: string;
  secret: string;
  conversations: Conversation[];
  tmp: string;
  seconds: number;
  /** Removes the temp directory and, on PostgreSQL, the schema. */
  dispose: () => Promise<void>;
}

export async function prepareConversations(o: Pick<ConversationBenchOptions, 'db' | 'pgUrl' | 'log'>): Promise<PreparedConversations> {
  const log = o.log ?? console.log;
  const dbKind = o.db ?? 'sqlite';
  const pgUrl = o.pgUrl ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const tmp = makeTempDir('kindred-conv-bench-');
  const schema = `bench_conv_${process.pid}`;
  const secret = randomBytes(48).toString('base64url');
  log(`[conversations, ${dbKind}] seeding ${CONVERSATIONS} conversations…`);
  const databaseUrl = dbKind === 'sqlite' ? `sqlite:${path.join(tmp, 'kindred.db')}` : pgUrl;
  if (dbKind === 'postgres') await ensurePostgresSchema(pgUrl, schema);
  const seeded = await seedConversations(databaseUrl, dbKind === 'postgres' ? schema : undefined, secret);
  log(`  ${seeded.conversations.length} conversations, ${seeded.conversations.length * HISTORY} messages of history in ${round1(seeded.seconds)} s`);
  return {
    dbKind,
    serverUrl: dbKind === 'sqlite' ? databaseUrl : `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    secret,
    conversations: seeded.conversations,
    tmp,
    seconds: seeded.seconds,
    dispose: async () => {
      if (dbKind === 'postgres') await dropPostgresSchema(pgUrl, schema).catch(() => undefined);
      removeTempDir(tmp);
    },
  };
}

/** Opens the sockets of `people` (token and room) a batch at a time (the server checks each session). */
async function connectAll(base: string, people: { token: string; room: string; withCsrf: boolean }[], width = 50): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < people.length; i += width) clients.push(...(await Promise.all(people.slice(i, i + width).map((p) => connect(base, p.token, p.room, p.withCsrf)))));
  return clients;
}

export async function benchConversations(o: ConversationBenchOptions, prepared?: PreparedConversations): Promise<Figure[]> {
  const log = o.log ?? console.log;
  const clock = o.clock ?? new PhaseClock();
  const pairsN = o.quick ? 60 : 200;
  const idleN = o.quick ? 400 : 1_500;
  // ~20/s is a busy evening for 5,000 conversations (see the top); then 2.5× and 5× that.
  const rates = o.quick ? [20, 50] : [20, 50, 100];
  const seconds = o.quick ? 2 : 12;
  const rounds = 2;
  const figures: Figure[] = [];
  const procs: ChildProcess[] = [];
  const sockets: WebSocket[] = [];
  let own: PreparedConversations | undefined;
  try {
    // Sealing first, while the machine is quiet.
    const seal = await clock.time('conversations: message sealing (in-process)', async () => benchSealing(o.quick ? 3 : 5, o.quick ? 5_000 : 20_000));
    figures.push({ figure: `message sealing: encrypt + decrypt (${seal.bytes} B, AES-256-GCM)`, value: round1(seal.sealUs, 2), unit: 'µs per message', ratio: round1(seal.jsonUs / seal.sealUs, 3), baseline: `plain JSON copy of the message (${round1(seal.jsonUs, 2)} µs)` });
    figures.push({ figure: 'message sealing: encrypt alone', value: round1(seal.encryptUs, 2), unit: 'µs per message' });
    figures.push({ figure: 'message sealing: decrypt alone', value: round1(seal.decryptUs, 2), unit: 'µs per message' });

    const data = prepared ?? (own = await clock.time('conversations: seeding', () => prepareConversations(o)));
    const common = { dataSize: `${CONVERSATIONS} open conversations`, database: data.dbKind };
    log(`\n[conversations, ${data.dbKind}] ${data.conversations.length} conversations`);
    const { child: server, base } = await clock.time('conversations: server start', () =>
      startKindredServer({
        databaseUrl: data.serverUrl,
        keyFile: path.join(data.tmp, 'kindred.key'),
        env: { KINDRED_SECRET: data.secret },
        ...(o.profile ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.profile)}`] } : {}),
      }),
    );
    procs.push(server);

    // The chatting pairs (both sides connected) and the idle open conversations (one side connected).
    const chosen = data.conversations.slice(0, pairsN);
    const idle = data.conversations.slice(pairsN, pairsN + idleN);
    const pairs = await clock.time('conversations: opening sockets', async () => {
      const clients = await connectAll(base, [
        ...chosen.flatMap((c) => [c.member, c.supporter].map((p) => ({ token: p.token, room: `mentorship:${c.id}`, withCsrf: true }))),
        ...idle.map((c) => ({ token: c.member.token, room: `mentorship:${c.id}`, withCsrf: false })),
      ]);
      sockets.push(...clients.map((c) => c.socket));
      return chosen.map((c, i) => ({ id: c.id, a: clients[2 * i]!, b: clients[2 * i + 1]! }));
    });
    log(`  ${sockets.length} WebSockets open (${pairsN} chatting pairs, ${idleN} idle conversations)`);

    // Answer sizes for the ceiling: a real send answer and a real fetched message.
    const { ceilingServer, cbase, cpairs } = await clock.time('conversations: ceiling start and its sockets', async () => {
      const probe = pairs[0]!;
      const sentRes = await fetch(`${base}/api/mentoring/mentorships/${probe.id}/messages`, { method: 'POST', headers: { cookie: probe.a.cookie, 'x-csrf-token': probe.a.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ body: MESSAGE_300B, clientId: randomUUID() }) });
      const sentText = await sentRes.text();
      if (sentRes.status !== 201) throw new Error(`send: ${sentRes.status} ${sentText.slice(0, 300)}`);
      const sentId = (JSON.parse(sentText) as { message: { id: string } }).message.id;
      const messageText = await (await fetch(`${base}/api/mentoring/mentorships/${probe.id}/messages/${sentId}`, { headers: { cookie: probe.b.cookie } })).text();
      const samplesFile = path.join(data.tmp, 'samples.json');
      fs.writeFileSync(samplesFile, JSON.stringify({ sent: sentText.replaceAll(sentId, '__ID__'), message: messageText }));
      const cport = await freePort();
      const cbase = `http://127.0.0.1:${cport}`;
      const ceilingServer = startProcess('ceiling', ['bench/conversations.bench.ts', '--ceiling', String(cport), samplesFile], { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' } });
      procs.push(ceilingServer);
      await waitFor(`${cbase}/health`);
      const clients = await connectAll(cbase, [
        ...chosen.flatMap((c) => [0, 1].map(() => ({ token: 'x', room: `mentorship:${c.id}`, withCsrf: false }))),
        ...idle.map((c) => ({ token: 'x', room: `mentorship:${c.id}`, withCsrf: false })),
      ]);
      sockets.push(...clients.map((c) => c.socket));
      return { ceilingServer, cbase, cpairs: chosen.map((c, i) => ({ id: c.id, a: clients[2 * i]!, b: clients[2 * i + 1]! })) };
    });

    // Warm-up (JIT, statement cache), then alternating rounds per rate.
    await clock.time('conversations: warm-up', async () => {
      await drive(cbase, cpairs, 40, 1);
      await drive(base, pairs, 40, o.quick ? 1 : 3);
    });

    // One message at a time: the round trip without queueing (what a quiet deployment gives).
    const seqN = o.quick ? 60 : 400;
    const seq: { kindred: RunResult; ceiling: RunResult }[] = [];
    for (let r = 0; r < rounds; r++) {
      const ceiling = await clock.time('conversations: ceiling rounds', () => drive(cbase, cpairs, 0, 0, ceilingServer.pid, seqN / rounds));
      seq.push({ ceiling, kindred: await clock.time('conversations: one message at a time', () => drive(base, pairs, 0, 0, server.pid, seqN / rounds)) });
    }
    const seqStat = (which: 'kindred' | 'ceiling', q: number) => quantile(seq.flatMap((x) => x[which].samples.map((s) => s.event)), q);
    log(`  one at a time: p50 ${round1(seqStat('kindred', 0.5))} ms, p99 ${round1(seqStat('kindred', 0.99))} ms (ceiling p99 ${round1(seqStat('ceiling', 0.99))} ms)`);
    const seqCommon = { ...common, dataSize: `${CONVERSATIONS} open conv., ${sockets.length / 2} sockets, ${seqN} msgs` };
    figures.push({ figure: '1:1 message round trip, one message at a time: p50', value: round1(seqStat('kindred', 0.5)), unit: 'ms', ratio: round1(seqStat('ceiling', 0.5) / seqStat('kindred', 0.5), 3), baseline: `transport ceiling (${round1(seqStat('ceiling', 0.5))} ms) / this`, ...seqCommon });
    figures.push({ figure: '1:1 message round trip, one message at a time: p99', value: round1(seqStat('kindred', 0.99)), unit: 'ms', ratio: round1(seqStat('ceiling', 0.99) / seqStat('kindred', 0.99), 3), baseline: `transport ceiling (${round1(seqStat('ceiling', 0.99))} ms) / this`, ...seqCommon });
    for (const rate of rates) {
      const runs: { kindred: RunResult; ceiling: RunResult }[] = [];
      for (let r = 0; r < rounds; r++) {
        const ceiling = await clock.time('conversations: ceiling rounds', () => drive(cbase, cpairs, rate, seconds, ceilingServer.pid));
        const kindred = await clock.time(`conversations: ${rate} msg/s`, () => drive(base, pairs, rate, seconds, server.pid));
        runs.push({ kindred, ceiling });
        const ev = kindred.samples.map((s) => s.event);
        log(
          `  ${rate}/s round ${r + 1}/${rounds}: ${kindred.samples.length} round trips, p50 ${round1(quantile(ev, 0.5))} ms, p99 ${round1(quantile(ev, 0.99))} ms` +
            ` (ceiling p99 ${round1(quantile(ceiling.samples.map((s) => s.event), 0.99))} ms); CPU server ${round1(kindred.serverCpu * 100)} %, clients ${round1(kindred.clientCpu * 100)} % (ceiling ${round1(ceiling.serverCpu * 100)} %); load ${os.loadavg()[0]!.toFixed(1)}` +
            `${kindred.failed || kindred.lost ? `, ${kindred.failed} failed, ${kindred.lost} lost` : ''}`,
        );
      }
      const label = `1:1 message round trip at ${rate} msg/s (send → stored → other socket)`;
      // Percentiles over the rounds' samples pooled: a quick round has too few messages for a p99 of its own.
      const pooled = (which: 'kindred' | 'ceiling', pick: (s: Sample) => number) => runs.flatMap((x) => x[which].samples.map(pick));
      const stat = (pick: (s: Sample) => number, q: number, which: 'kindred' | 'ceiling') => quantile(pooled(which, pick), q);
      const ratio = (pick: (s: Sample) => number, q: number) => round1(stat(pick, q, 'ceiling') / Math.max(stat(pick, q, 'kindred'), 0.001), 3);
      const n = pooled('kindred', (x) => x.event).length;
      const byRate = { ...common, dataSize: `${CONVERSATIONS} open conv., ${pairsN} chatting, ${sockets.length / 2} sockets, ${n} msgs` };
      figures.push({ figure: `${label}: p50`, value: round1(stat((s) => s.event, 0.5, 'kindred')), unit: 'ms', ratio: ratio((s) => s.event, 0.5), baseline: `transport ceiling p50 (${round1(stat((s) => s.event, 0.5, 'ceiling'))} ms) / this`, ...byRate });
      figures.push({ figure: `${label}: p99 (target < 50)`, value: round1(stat((s) => s.event, 0.99, 'kindred')), unit: 'ms', ratio: ratio((s) => s.event, 0.99), baseline: `transport ceiling p99 (${round1(stat((s) => s.event, 0.99, 'ceiling'))} ms) / this`, ...byRate });
      figures.push({ figure: `${label}: send answered (stored), p99`, value: round1(stat((s) => s.stored, 0.99, 'kindred')), unit: 'ms', ratio: ratio((s) => s.stored, 0.99), baseline: 'transport ceiling / this', ...byRate });
      figures.push({ figure: `${label}: event + message fetched (what the reader sees), p99`, value: round1(stat((s) => s.fetched, 0.99, 'kindred')), unit: 'ms', ratio: ratio((s) => s.fetched, 0.99), baseline: 'transport ceiling / this', ...byRate });
      const completed = median(runs.map((x) => x.kindred.samples.length / seconds));
      // CPU per message does not depend on how busy the machine is: the cost, where latency is the experience.
      const cpuPer = (which: 'kindred' | 'ceiling') => median(runs.map((x) => (x[which].serverCpu * x[which].seconds * 1000) / Math.max(1, x[which].samples.length)));
      figures.push({ figure: `${label}: server CPU per message (typing + send + fetch + delivered)`, value: round1(cpuPer('kindred'), 2), unit: 'ms CPU', ratio: round1(cpuPer('ceiling') / cpuPer('kindred'), 3), baseline: `transport ceiling (${round1(cpuPer('ceiling'), 2)} ms) / this`, ...byRate });
      figures.push({ figure: `${label}: completed`, value: round1(completed), unit: 'msg/s', ...byRate });
      const failed = runs.reduce((n, x) => n + x.kindred.failed + x.kindred.lost, 0);
      if (failed) figures.push({ figure: `${label}: failed or never delivered`, value: failed, unit: 'messages', ...byRate });
    }
    return figures;
  } finally {
    for (const s of sockets) s.terminate();
    for (const p of procs) await stopProcess(p);
    await own?.dispose();
  }
}

// ── run directly ──────────────────────────────────────────────────────────────────
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--ceiling') {
    await runCeiling(Number(args[1]), args[2]!);
  } else {
    const i = args.indexOf('--db');
    const j = args.indexOf('--profile');
    const clock = new PhaseClock();
    const figures = await benchConversations({ quick: args.includes('--quick'), db: i >= 0 ? (args[i + 1] as 'sqlite' | 'postgres') : 'sqlite', clock, ...(j >= 0 ? { profile: args[j + 1]! } : {}) });
    const width = Math.max(...figures.map((f) => f.figure.length));
    for (const f of figures) console.log(`${f.figure.padEnd(width)}  ${String(f.value).padStart(8)} ${f.unit.padEnd(16)} ${f.ratio !== undefined ? `× ${f.ratio} (${f.baseline})` : ''}`);
    console.log(`\nphases:\n${clock.lines().join('\n')}\n${Math.round(clock.elapsed())} s in all`);
    process.exit(0);
  }
}
